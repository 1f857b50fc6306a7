import { strict as assert } from "assert";
import { describeRoutes } from "../../../automation/plan/routes";
import { CapturedResource } from "../../../offline";
import { renderStack } from "../../helpers/stacks";

describe("plan: routes from DNS to task", () => {
  it("follows prod from each name through CloudFront and the ALB to the ECS services", async () => {
    const { resources } = await renderStack("prod");
    const backend = "-> HTTP :3001 /health -> ecs backend: 1024/2048, tasks 2/2/6, FARGATE 20 (base 1) + FARGATE_SPOT 80";
    assert.deepEqual(describeRoutes(resources), [
      "origin.platform.example.com ->",
      "  ALB platform-prod-alb (idle 3600 s, deletion protection on)",
      "    :80 HTTP redirect -> HTTPS:443 (HTTP_301)",
      "    :443 HTTPS ELBSecurityPolicy-TLS13-1-2-2021-06",
      "      10 /socket.io/*",
      `        ${backend}`,
      "      20 /api/*",
      `        ${backend}`,
      "      default",
      "        -> HTTP :3000 /api/health -> ecs frontend: 512/1024, tasks 2/2/5, FARGATE 20 (base 1) + FARGATE_SPOT 80",
      "platform.example.com -> CloudFront PriceClass_200, http2and3, WAF",
      "  /_next/static/* -> static (platform-prod-static-123456789012-ap-northeast-2.s3.ap-northeast-2.amazonaws.com)",
      "  /api/* -> alb (origin.platform.example.com)",
      "  /socket.io/* -> alb (origin.platform.example.com)",
      "  default -> alb (origin.platform.example.com)",
    ]);
  });

  it("shows a broken link instead of hiding it", async () => {
    const { resources } = await renderStack("dev");
    // Drop the backend service: its target groups now lead nowhere.
    const withoutBackend = resources.filter((r: CapturedResource) => !(r.type === "aws:ecs/service:Service" && r.inputs.name === "backend"));
    const lines = describeRoutes(withoutBackend);
    assert.equal(lines.filter((l) => /target group platform-dev-backend-[0-9a-f]{5}: NO SERVICE/.test(l)).length, 2);
  });
});
