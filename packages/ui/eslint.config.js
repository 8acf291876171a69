import kitConfig from '@kit/eslint-config';
import reactHooks from 'eslint-plugin-react-hooks';

export default [...kitConfig, reactHooks.configs.flat['recommended-latest']];
