import { type FormValue, record, str } from './form';
import { missing, newStripeId, type StandinPrice, StripeApiError, type StripeObject } from './standin';

const now = () => Math.floor(Date.now() / 1000);
const bad = (message: string, param: string, code = 'parameter_invalid') =>
  new StripeApiError(400, 'invalid_request_error', message, param, code);
const INTERVALS = ['day', 'week', 'month', 'year'];
/** `currency` as Stripe takes it: a three-letter ISO code, lowercase. */
const CURRENCY = /^[a-z]{3}$/;

const bool = (v: FormValue | undefined, param: string): boolean | undefined => {
  const s = str(v);
  if (s === undefined) return undefined;
  if (s !== 'true' && s !== 'false') throw bad(`Invalid boolean: ${s}`, param);
  return s === 'true';
};

/**
 * Products and prices (`/v1/products`, `/v1/prices`) in Stripe's shapes. A price is immutable but for
 * `active`, `nickname`, `metadata`, `lookup_key`: a new amount is a new price. The prices the stand-in
 * starts with (the plans' `price_standin_*`) are monthly USD prices, each of its own product.
 */
export class PriceStore {
  readonly products = new Map<string, StripeObject>();
  readonly prices = new Map<string, StripeObject>();

  constructor(configured: StandinPrice[]) {
    for (const p of configured) {
      const product = this.createProduct({
        id: `prod_${p.id.replace(/^price_/, '')}`,
        name: p.nickname,
      });
      this.insertPrice({
        id: p.id,
        product: product.id,
        currency: 'usd',
        unitAmount: p.unitAmount,
        nickname: p.nickname,
        recurring: { interval: 'month', interval_count: 1 },
        metadata: {},
      });
    }
  }

  createProduct(form: Record<string, FormValue>): StripeObject {
    const name = str(form.name);
    if (!name) throw bad('Missing required param: name.', 'name', 'parameter_missing');
    const id = str(form.id) ?? newStripeId('prod');
    if (this.products.has(id)) throw bad(`Product already exists: ${id}`, 'id', 'resource_already_exists');
    const p: StripeObject = {
      id,
      object: 'product',
      active: bool(form.active, 'active') ?? true,
      created: now(),
      default_price: null,
      description: str(form.description) ?? null,
      images: [],
      livemode: false,
      marketing_features: [],
      metadata: record(form.metadata),
      name,
      package_dimensions: null,
      shippable: null,
      statement_descriptor: str(form.statement_descriptor) ?? null,
      tax_code: null,
      type: 'service',
      unit_label: str(form.unit_label) ?? null,
      updated: now(),
      url: str(form.url) ?? null,
    };
    this.products.set(id, p);
    return p;
  }

  product(id: string): StripeObject {
    const p = this.products.get(id);
    if (!p) throw missing('product', id);
    return p;
  }

  /** `POST /v1/prices`: `currency`, `unit_amount`, `product` or `product_data[name]`, optional `recurring[…]`. */
  createPrice(form: Record<string, FormValue>): StripeObject {
    const currency = str(form.currency);
    if (!currency) throw bad('Missing required param: currency.', 'currency', 'parameter_missing');
    if (!CURRENCY.test(currency)) throw bad(`Invalid currency: ${currency}`, 'currency');
    const rawAmount = str(form.unit_amount);
    if (rawAmount === undefined)
      throw bad(
        'This stand-in needs unit_amount (per-unit prices only).',
        'unit_amount',
        'parameter_missing',
      );
    if (!/^\d{1,12}$/.test(rawAmount))
      throw bad(`Invalid integer: ${rawAmount}`, 'unit_amount', 'parameter_invalid_integer');
    const productId = str(form.product);
    const productData = form.product_data;
    if (productId && productData)
      throw bad('You may only specify one of these parameters: product, product_data.', 'product');
    let product: string;
    if (productId) product = this.product(productId).id;
    else if (productData && typeof productData === 'object' && !Array.isArray(productData))
      product = this.createProduct(productData).id;
    else throw bad('Missing required param: product.', 'product', 'parameter_missing');
    let recurring: { interval: string; interval_count: number } | null = null;
    const r = form.recurring;
    if (r !== undefined) {
      if (typeof r !== 'object' || Array.isArray(r)) throw bad('Invalid recurring.', 'recurring');
      const interval = str(r.interval);
      if (!interval || !INTERVALS.includes(interval))
        throw bad(`Invalid recurring[interval]: ${interval ?? '(missing)'}`, 'recurring[interval]');
      const count = Number(str(r.interval_count) ?? 1);
      if (!Number.isInteger(count) || count < 1)
        throw bad('Invalid recurring[interval_count].', 'recurring[interval_count]');
      recurring = { interval, interval_count: count };
    }
    return this.insertPrice({
      id: newStripeId('price'),
      product,
      currency,
      unitAmount: Number(rawAmount),
      nickname: str(form.nickname) ?? null,
      recurring,
      metadata: record(form.metadata),
      active: bool(form.active, 'active'),
      lookupKey: str(form.lookup_key) ?? null,
    });
  }

  private insertPrice(p: {
    id: string;
    product: string;
    currency: string;
    unitAmount: number;
    nickname: string | null;
    recurring: { interval: string; interval_count: number } | null;
    metadata: Record<string, string>;
    active?: boolean;
    lookupKey?: string | null;
  }): StripeObject {
    const price: StripeObject = {
      id: p.id,
      object: 'price',
      active: p.active ?? true,
      billing_scheme: 'per_unit',
      created: now(),
      currency: p.currency,
      custom_unit_amount: null,
      livemode: false,
      lookup_key: p.lookupKey ?? null,
      metadata: p.metadata,
      nickname: p.nickname,
      product: p.product,
      recurring: p.recurring
        ? { ...p.recurring, meter: null, trial_period_days: null, usage_type: 'licensed' }
        : null,
      tax_behavior: 'unspecified',
      tiers_mode: null,
      transform_quantity: null,
      type: p.recurring ? 'recurring' : 'one_time',
      unit_amount: p.unitAmount,
      unit_amount_decimal: String(p.unitAmount),
    };
    this.prices.set(price.id, price);
    return price;
  }

  price(id: string, param = 'price'): StripeObject {
    const p = this.prices.get(id);
    if (!p)
      throw new StripeApiError(
        400,
        'invalid_request_error',
        `No such price: '${id}'`,
        param,
        'resource_missing',
      );
    return p;
  }

  /** `GET /v1/prices` filters: `active`, `currency`, `product`, `type`, `recurring[interval]`. */
  listPrices(query: URLSearchParams): StripeObject[] {
    const active = query.get('active');
    const currency = query.get('currency');
    const product = query.get('product');
    const type = query.get('type');
    const interval = query.get('recurring[interval]');
    return [...this.prices.values()]
      .filter((p) => active === null || String(p.active) === active)
      .filter((p) => !currency || p.currency === currency)
      .filter((p) => !product || p.product === product)
      .filter((p) => !type || p.type === type)
      .filter((p) => !interval || (p.recurring as { interval: string } | null)?.interval === interval)
      .sort((a, b) => (b.created as number) - (a.created as number));
  }
}
