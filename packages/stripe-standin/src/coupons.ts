import { type FormValue, record, str } from './form';
import { missing, newStripeId, StripeApiError, type StripeObject } from './standin';

const now = () => Math.floor(Date.now() / 1000);
const bad = (message: string, param: string, code = 'parameter_invalid') =>
  new StripeApiError(400, 'invalid_request_error', message, param, code);
const int = (v: FormValue | undefined, param: string): number | null => {
  const s = str(v);
  if (s === undefined || s === '') return null;
  const n = Number(s);
  if (!Number.isFinite(n)) throw bad(`Invalid number: ${s}`, param, 'parameter_invalid_integer');
  return n;
};

/**
 * Coupons and promotion codes (`/v1/coupons`, `/v1/promotion_codes`) in Stripe's shapes: a coupon takes
 * `percent_off` or `amount_off` + `currency`, `duration` (`once`, `repeating` with `duration_in_months`,
 * `forever`); a promotion code points at a coupon through `promotion[type]=coupon&promotion[coupon]=…`
 * (API 2025-09-30), its `code` unique among active codes.
 */
export class CouponStore {
  readonly coupons = new Map<string, StripeObject>();
  readonly promotionCodes = new Map<string, StripeObject>();

  createCoupon(form: Record<string, FormValue>): StripeObject {
    const percentOff = int(form.percent_off, 'percent_off');
    const amountOff = int(form.amount_off, 'amount_off');
    if ((percentOff === null) === (amountOff === null))
      throw bad('Exactly one of percent_off or amount_off is required.', 'percent_off', 'parameter_missing');
    if (percentOff !== null && !(percentOff > 0 && percentOff <= 100))
      throw bad('percent_off must be greater than 0 and at most 100.', 'percent_off');
    if (amountOff !== null && !str(form.currency))
      throw bad('currency is required with amount_off.', 'currency', 'parameter_missing');
    const duration = str(form.duration) ?? 'once';
    if (!['once', 'repeating', 'forever'].includes(duration))
      throw bad(`Invalid duration: ${duration}`, 'duration');
    const months = int(form.duration_in_months, 'duration_in_months');
    if (duration === 'repeating' && !(months && months > 0))
      throw bad('duration_in_months is required when duration is repeating.', 'duration_in_months');
    const id = str(form.id) ?? newStripeId('cpn').slice(4, 12);
    if (this.coupons.has(id)) throw bad(`Coupon already exists: ${id}`, 'id', 'resource_already_exists');
    const c: StripeObject = {
      id,
      object: 'coupon',
      amount_off: amountOff,
      created: now(),
      currency: str(form.currency) ?? null,
      duration,
      duration_in_months: duration === 'repeating' ? months : null,
      livemode: false,
      max_redemptions: int(form.max_redemptions, 'max_redemptions'),
      metadata: record(form.metadata),
      name: str(form.name) ?? null,
      percent_off: percentOff,
      redeem_by: int(form.redeem_by, 'redeem_by'),
      times_redeemed: 0,
      valid: true,
    };
    this.coupons.set(id, c);
    return c;
  }

  coupon(id: string): StripeObject {
    const c = this.coupons.get(id);
    if (!c) throw missing('coupon', id);
    return c;
  }

  createPromotionCode(form: Record<string, FormValue>): StripeObject {
    const promotion = form.promotion;
    const couponId =
      promotion && typeof promotion === 'object' && !Array.isArray(promotion)
        ? str(promotion.coupon)
        : undefined;
    if (!couponId) throw bad('Missing required param: promotion[coupon].', 'promotion', 'parameter_missing');
    this.coupon(couponId);
    const code = str(form.code) ?? newStripeId('x').slice(2, 10).toUpperCase();
    if (!/^[A-Za-z0-9-]{1,500}$/.test(code)) throw bad('Invalid code.', 'code');
    for (const p of this.promotionCodes.values())
      if (p.active && String(p.code).toLowerCase() === code.toLowerCase())
        throw bad('An active promotion code with `code` already exists.', 'code', 'resource_already_exists');
    const p: StripeObject = {
      id: newStripeId('promo'),
      object: 'promotion_code',
      active: str(form.active) !== 'false',
      code,
      created: now(),
      customer: str(form.customer) ?? null,
      expires_at: int(form.expires_at, 'expires_at'),
      livemode: false,
      max_redemptions: int(form.max_redemptions, 'max_redemptions'),
      metadata: record(form.metadata),
      promotion: { type: 'coupon', coupon: couponId },
      restrictions: { first_time_transaction: false, minimum_amount: null, minimum_amount_currency: null },
      times_redeemed: 0,
    };
    this.promotionCodes.set(p.id, p);
    return p;
  }

  promotionCode(id: string): StripeObject {
    const p = this.promotionCodes.get(id);
    if (!p) throw missing('promotion_code', id);
    return p;
  }
}
