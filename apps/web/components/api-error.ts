export { errorMessage, httpStatusOf, type Issue, issuesOf } from '@levqor/app-kit/api-error';
