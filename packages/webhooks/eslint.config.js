export { default } from '@kit/eslint-config';
