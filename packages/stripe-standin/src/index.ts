export { decodeForm } from './form';
export { PriceStore } from './prices';
export { type RunningStandin, startStripeStandin } from './server';
export {
  newStripeId,
  type StandinOptions,
  type StandinPrice,
  StripeApiError,
  StripeStandin,
  signPayload,
} from './standin';
