export {
  createAuth,
  INVITATION_EXPIRES_IN_SECONDS,
  type Auth,
  type AuthConfig,
  type AuthRoles,
  type AuthSession,
  type PasswordHashing,
} from './auth';
export { authEnv, type AuthEnv, type SignupMode } from './env';
export { allowedOrigins } from './origins';
export * from './permissions';
export {
  assertSignupAllowed,
  isInvitationSignup,
  SIGNUP_DISABLED,
  withInvitationSignup,
  withLinkSignup,
} from './signup-gate';
export {
  checkUserFields,
  httpsUrl,
  singleLineText,
  UNSAFE_TEXT,
  URL_MAX_LENGTH,
  USER_NAME_MAX_LENGTH,
  userNameSchema,
} from './input-rules';
export { authOpenApi, type AuthOpenApi } from './openapi';
