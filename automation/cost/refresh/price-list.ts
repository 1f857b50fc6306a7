/**
 * One element of GetProducts' `PriceList`: a JSON string holding the product (its SKU and
 * attributes) and its terms, as the Price List API documents them
 * (https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_pricing_GetProducts.html;
 * the shape is the offer file's, https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-an-offer.html):
 * `terms.OnDemand.<offerTermCode>.priceDimensions.<rateCode>.pricePerUnit.USD`, a decimal string,
 * with `beginRange`/`endRange` for tiered rates.
 */
interface PriceDimension {
  readonly unit?: string;
  readonly beginRange?: string;
  readonly description?: string;
  readonly pricePerUnit?: { readonly USD?: string };
}

interface PriceListProduct {
  readonly product?: { readonly sku?: string; readonly attributes?: Readonly<Record<string, string>> };
  readonly terms?: { readonly OnDemand?: Readonly<Record<string, { readonly priceDimensions?: Readonly<Record<string, PriceDimension>> }>> };
  readonly publicationDate?: string;
}

/** The on-demand rate of one product: its first tier (beginRange 0) where the rate is tiered. */
export interface OnDemandRate {
  readonly sku: string;
  readonly usd: number;
  readonly unit: string;
  readonly publicationDate?: string;
}

export function onDemandRate(item: unknown): OnDemandRate | undefined {
  const parsed = (typeof item === "string" ? JSON.parse(item) : JSON.parse(String(item))) as PriceListProduct;
  const sku = parsed.product?.sku;
  const dimensions = Object.values(parsed.terms?.OnDemand ?? {}).flatMap((term) => Object.values(term.priceDimensions ?? {}));
  const first = dimensions.find((d) => d.beginRange === undefined || d.beginRange === "0");
  const usd = first?.pricePerUnit?.USD;
  if (!sku || !first || usd === undefined || Number.isNaN(Number(usd))) return undefined;
  return { sku, usd: Number(usd), unit: first.unit ?? "", ...(parsed.publicationDate ? { publicationDate: parsed.publicationDate.slice(0, 10) } : {}) };
}
