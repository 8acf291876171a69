export {
  invitationAcceptRegistry,
  invitationCancelRegistry,
  invitationCreateRegistry,
} from './registry';
export type * from './types';
