import { levqorNextConfig } from '@levqor/app-kit/next-config';

export default levqorNextConfig();
