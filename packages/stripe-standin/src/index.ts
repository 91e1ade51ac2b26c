export { decodeForm } from './form';
export { type RunningStandin, startStripeStandin } from './server';
export {
  newStripeId,
  type StandinOptions,
  type StandinPrice,
  StripeApiError,
  StripeStandin,
  signPayload,
} from './standin';
