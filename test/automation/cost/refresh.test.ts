import { strict as assert } from "assert";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { GetProductsCommand, type GetProductsCommandInput, type GetProductsCommandOutput, PricingClient } from "@aws-sdk/client-pricing";
import { mockClient } from "aws-sdk-client-mock";
import { handCheckedTables, priceSources, pricesOf } from "../../../automation/cost/prices";
import { applyRefreshed, readRefreshed, type RefreshedPrices } from "../../../automation/cost/prices/refreshed";
import { pricesAge } from "../../../automation/cost/prices-age";
import { refreshPrices, RefreshError } from "../../../automation/cost/refresh";
import { onDemandRate } from "../../../automation/cost/refresh/price-list";
import { refreshSpecs } from "../../../automation/cost/refresh/specs";

interface Answer {
  readonly request: GetProductsCommandInput;
  readonly response: GetProductsCommandOutput;
}

const fixture = JSON.parse(readFileSync(path.join(__dirname, "../../fixtures/price-list/ap-northeast-2.json"), "utf8")) as { answers: Answer[] };
const keyOf = (input: GetProductsCommandInput) =>
  JSON.stringify([input.ServiceCode, [...(input.Filters ?? [])].map((f) => `${f.Type}:${f.Field}=${f.Value}`).sort(), input.NextToken ?? null]);

/** A Pricing client answering from the recorded answers; `edit` may change one before it is served. */
function recordedClient(edit: (answer: Answer) => Answer = (a) => a) {
  const answers = new Map(fixture.answers.map((a) => [keyOf(a.request), edit(a)]));
  const mock = mockClient(PricingClient);
  const client = new PricingClient({ region: "us-east-1" });
  mock.on(GetProductsCommand).callsFake((input: GetProductsCommandInput) => answers.get(keyOf(input))?.response ?? { FormatVersion: "aws_v1", PriceList: [] });
  return { mock, client };
}

const seoul = handCheckedTables["ap-northeast-2"];

describe("prices refresh (offline, against recorded Price List answers)", () => {
  let out: string;
  const lines: string[] = [];
  beforeEach(() => {
    out = mkdtempSync(path.join(tmpdir(), "prices-refresh-"));
    lines.length = 0;
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  const run = (client: PricingClient, regions = ["ap-northeast-2"]) => refreshPrices({ regions, out, client, today: "2026-12-05", log: (l) => lines.push(l) });
  const written = (): RefreshedPrices => JSON.parse(readFileSync(path.join(out, "ap-northeast-2.json"), "utf8")) as RefreshedPrices;
  const entry = (keys: string[]) => written().entries.find((e) => e.path.join(".") === keys.join("."));

  it("reads each figure's first on-demand tier, scaled to the table's unit, with the service code, SKU and day it was read", async () => {
    const { mock, client } = recordedClient();
    await run(client);
    assert.deepEqual(entry(["ec2", "instanceHour", "t4g.micro"]), {
      path: ["ec2", "instanceHour", "t4g.micro"],
      usd: 0.0104,
      unit: "hour",
      source: { dataset: "AWS Price List API", retrieved: "2026-12-05", serviceCode: "AmazonEC2", sku: "2GCTBU78G22TGEXZ", publicationDate: "2026-11-28" },
    });
    assert.equal(entry(["elasticache", "nodeHour", "redis", "cache.t4g.micro"])?.usd, 0.024);
    assert.equal(entry(["fargate", "x86", "vcpuHour"])?.usd, 0.04656);
    assert.equal(entry(["fargate", "x86", "gbHour"])?.usd, 0.00511);
    assert.equal(entry(["lambda", "requestsMillion"])?.usd, 0.2, "$0.0000002 a request is $0.20 a million");
    assert.equal(entry(["lambda", "x86GbSecond"])?.usd, 0.0000166667, "the first 6 billion GB-seconds' tier");
    assert.equal(entry(["s3", "standardGbMonth"])?.usd, 0.025, "the first 50 TB tier");
    assert.equal(entry(["natGateway", "hour"])?.source.serviceCode, "AmazonEC2");
    const calls = mock.commandCalls(GetProductsCommand).map((c) => c.args[0].input);
    assert.equal(calls.length, refreshSpecs(seoul).length + 1, "one query per figure, and one more page for the RDS answer");
    assert.ok(calls.every((input) => input.Filters?.some((f) => f.Field === "regionCode" && f.Value === "ap-northeast-2")));
    mock.restore();
  });

  it("follows NextToken: the RDS answer's product is on its second page", async () => {
    const { mock, client } = recordedClient();
    await run(client);
    const rds = mock.commandCalls(GetProductsCommand).filter((c) => c.args[0].input.Filters?.some((f) => f.Field === "instanceType" && f.Value === "db.t4g.micro") && c.args[0].input.ServiceCode === "AmazonRDS" && c.args[0].input.Filters?.some((f) => f.Value === "PostgreSQL") && c.args[0].input.Filters?.some((f) => f.Value === "Single-AZ"));
    assert.equal(rds.length, 2);
    assert.equal(rds[0].args[0].input.NextToken, undefined);
    assert.match(rds[1].args[0].input.NextToken ?? "", /^VKpZ2q6vD7Xy3aGc1nR0sQ==/);
    assert.equal(entry(["rds", "instanceHour", "postgres", "Single-AZ", "db.t4g.micro"])?.source.sku, "4TGDMYC2AFXN7JKE");
    mock.restore();
  });

  it("keeps a figure with no product, or with products that disagree, at its hand-checked value, and says which and why", async () => {
    const { mock, client } = recordedClient((answer) =>
      answer.request.Filters?.some((f) => f.Value === "APN2-NatGateway-Hours")
        ? { ...answer, response: { ...answer.response, PriceList: [...(answer.response.PriceList as string[]), (answer.response.PriceList as string[])[0].replace(/"0\.0590000000"/, '"0.0620000000"').replace(/WQ6ZC9B2J7TRA3NX/g, "ZZ6ZC9B2J7TRA3NX")] } }
        : answer,
    );
    await run(client);
    const kept = written().kept.map((k) => `${k.path.join(".")}: ${k.reason}`);
    assert.ok(kept.includes("ec2.instanceHour.t3.nano: no AmazonEC2 product matches instanceType=t3.nano, operatingSystem=Linux, tenancy=Shared, preInstalledSw=NA, capacitystatus=Used, licenseModel=No License required"), kept.join("\n"));
    assert.ok(kept.includes("natGateway.hour: 2 AmazonEC2 products match usagetype=APN2-NatGateway-Hours at different rates ($0.059, $0.062)"));
    assert.equal(entry(["natGateway", "hour"]), undefined);
    assert.ok(lines.some((l) => l.startsWith("  kept natGateway.hour: 2 AmazonEC2 products")));
    // 59: the log archive's Glacier storage and transition prices joined the S3 figures the refresh does not read (only S3 Standard).
    assert.match(lines[0], /^ap-northeast-2: 8 prices read from the Price List API \(0 changed\), 100 kept for want of a product, 59 not refreshable \(kept with their sources\)$/);
    mock.restore();
  });

  it("reports a changed figure with the source it replaces", async () => {
    const { mock, client } = recordedClient((answer) =>
      answer.request.Filters?.some((f) => f.Value === "t4g.micro" && answer.request.ServiceCode === "AmazonEC2")
        ? { ...answer, response: { ...answer.response, PriceList: (answer.response.PriceList as string[]).map((p) => p.replace('"0.0104000000"', '"0.0110000000"')) } }
        : answer,
    );
    await run(client);
    assert.ok(lines.includes("  ec2.instanceHour.t4g.micro: $0.0104 -> $0.011 (was ec2shopEc2)"), lines.join("\n"));
    mock.restore();
  });

  it("puts the refreshed figures in the table without losing any entry's source; the prices' age follows the day they were read", async () => {
    const { mock, client } = recordedClient();
    await run(client);
    const refreshed = readRefreshed("ap-northeast-2", out);
    const table = applyRefreshed(seoul, refreshed);
    const before = new Map(pricesOf(seoul));
    const after = pricesOf(table);
    assert.deepEqual(after.map(([p]) => p), [...before.keys()], "the same entries");
    for (const [key, p] of after) {
      const old = before.get(key);
      assert.ok(old);
      if (p.source === "awsPriceListApi") {
        assert.equal(p.listApi?.retrieved, "2026-12-05", key);
        assert.deepEqual(p.checked, [{ source: old.source, usd: old.usd }], `${key} keeps the figure and source it replaced`);
        assert.equal(p.unit, old.unit);
      } else {
        assert.deepEqual(p, old, `${key} is untouched`);
      }
    }
    const fargate = table.fargate.x86.vcpuHour;
    assert.equal(fargate.source, "awsPriceListApi");
    assert.equal(priceSources[fargate.source].kind, "price-list-api");
    assert.equal(pricesAge([fargate, table.natGateway.hour], new Date("2026-12-05"))?.days, 0);
    mock.restore();
  });

  it("without credentials: one clear error, nothing written", async () => {
    const mock = mockClient(PricingClient);
    mock.on(GetProductsCommand).rejects(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }));
    await assert.rejects(run(new PricingClient({ region: "us-east-1" }), ["ap-northeast-2", "ap-northeast-1"]), (error: Error) => {
      assert.ok(error instanceof RefreshError);
      assert.equal(error.message, "no AWS credentials: set AWS_PROFILE (or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) to an identity allowed pricing:GetProducts; nothing written");
      return true;
    });
    assert.deepEqual(readdirSync(out), []);
    mock.restore();
  });

  it("refuses a region without a table before asking AWS anything", async () => {
    const { mock, client } = recordedClient();
    await assert.rejects(run(client, ["us-east-1"]), /^RefreshError: --regions: no price table for us-east-1 \(tables exist for ap-northeast-2, ap-northeast-1\)$/);
    assert.equal(mock.commandCalls(GetProductsCommand).length, 0);
    assert.ok(!existsSync(path.join(out, "us-east-1.json")));
    mock.restore();
  });

  it("reads a PriceList element as the SDK hands it over (a JSON string) and skips one without an on-demand rate", () => {
    const item = fixture.answers[0].response.PriceList?.[0] as string;
    assert.deepEqual(onDemandRate(item), { sku: "2GCTBU78G22TGEXZ", usd: 0.0104, unit: "Hrs", publicationDate: "2026-11-28" });
    assert.equal(onDemandRate(JSON.stringify({ product: { sku: "X" }, terms: { Reserved: {} } })), undefined);
  });
});
