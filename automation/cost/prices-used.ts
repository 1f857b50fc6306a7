import type { Price, PriceTable } from "./prices";

function isPrice(value: unknown): value is Price {
  return typeof value === "object" && value !== null && "usd" in value && "source" in value;
}

/**
 * A read-only view of `table` that records every price read through it. Every rule reads its
 * rates from `ctx.prices`, so recording at the table catches each price an estimate used (a Spot
 * fraction, a Fargate task's two rates) without each rule having to report it; a price a rule
 * never reads (another class, another engine) stays out of the prices' age.
 */
export function recordingPrices(table: PriceTable): { prices: PriceTable; used: Set<Price> } {
  const used = new Set<Price>();
  const views = new WeakMap<object, object>();
  const view = (node: object): object => {
    const seen = views.get(node);
    if (seen) return seen;
    const proxy = new Proxy(node, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if (isPrice(value)) {
          used.add(value);
          return value;
        }
        return typeof value === "object" && value !== null ? view(value) : value;
      },
    });
    views.set(node, proxy);
    return proxy;
  };
  return { prices: view(table) as PriceTable, used };
}
