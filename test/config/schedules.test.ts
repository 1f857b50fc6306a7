import { strict as assert } from "assert";
import { configIssues, editSection } from "../helpers/config";
import { withSection } from "../helpers/config-issues";
import { cronBodyProblem, scheduleExpressionProblem } from "../../model/schedule/expression";

/** prod with its first service's first scaling schedule set to `cron`. */
function scalingCron(cron: string): Record<string, string> {
  return editSection("prod", "compute", (compute) => {
    compute.services[0].scaling = { ...compute.services[0].scaling, schedules: [{ name: "office-hours", cron, minCapacity: 2 }] };
  });
}

/** prod with one scheduled job whose expression is `cron(<body>)`. */
function jobCron(body: string): Record<string, string> {
  return withSection("prod", "platform:jobs", {
    functions: [
      {
        name: "report-generator",
        runtime: "nodejs24.x",
        handler: "index.handler",
        code: "jobs/report-generator",
        triggers: [{ type: "schedule", expression: `cron(${body})` }],
      },
    ],
  });
}

const scalingPath = "platform:compute.services[0].scaling.schedules[0].cron";
const jobPath = "platform:jobs.functions[0].triggers[0].expression";

function messageAt(config: Record<string, string>, path: string): string | undefined {
  const at = configIssues(config).filter((i) => i.path === path);
  assert.ok(at.length <= 1, `more than one issue at ${path}: ${at.map((i) => i.message).join(" | ")}`);
  return at[0]?.message;
}

describe("schedules: one cron validator for scaling schedules and jobs", () => {
  // Each body breaks one field's rule of the EventBridge cron reference (minutes 0-59, hours
  // 0-23, day-of-month 1-31, month 1-12 or JAN-DEC, day-of-week 1-7 or SUN-SAT, year 1970-2199).
  const broken: [string, RegExp][] = [
    ["99 25 ? * MON-FRI *", /minutes '99': 99 is outside 0-59/],
    ["0 25 ? * MON-FRI *", /hours '25': 25 is outside 0-23/],
    ["0 9 ? * FUNDAY *", /day-of-week 'FUNDAY': 'FUNDAY' is not a number or SUN-SAT/],
    ["0 9 ? JANUARY MON *", /month 'JANUARY'/],
    ["0 9 0 * ? *", /day-of-month '0': 0 is outside 1-31/],
    ["0 9 ? * MON-FRI 1900", /year '1900': 1900 is outside 1970-2199/],
    ["0 9 * * MON *", /'\?' in exactly one of day-of-month and day-of-week/],
    ["0 9 ? * MON/2 *", /day-of-week 'MON\/2': '\/' is not allowed in day-of-week/],
    ["0 9 ? * 3#1,6#3 *", /'#' takes a single day-of-week, not a list/],
    ["0 9 ? * MON-FRI", /6 fields .* found 5/],
  ];
  for (const [body, message] of broken) {
    it(`rejects ${body} in a scaling schedule and in a job's schedule alike`, () => {
      const scaling = messageAt(scalingCron(body), scalingPath);
      const job = messageAt(jobCron(body), jobPath);
      assert.match(scaling ?? "accepted", message);
      assert.match(job ?? "accepted", message);
      assert.equal(scaling, job, "the same validator says the same thing");
    });
  }

  it("rejects a scaling cron already wrapped in cron(...) and says how to write it", () => {
    const message = messageAt(scalingCron("cron(0 9 ? * MON-FRI *)"), scalingPath);
    assert.equal(message, "takes the six fields without cron(...): write \"0 9 ? * MON-FRI *\"");
  });

  it("rejects a job's cron(cron(...)) and says how to write it", () => {
    assert.equal(messageAt(jobCron("cron(0 9 ? * MON-FRI *)"), jobPath), 'has cron( twice: write "cron(0 9 ? * MON-FRI *)"');
  });

  it("accepts the stacks' office hours and the documented wildcards", () => {
    for (const body of ["0 9 ? * MON-FRI *", "0 18 ? * MON-FRI *", "0/15 * * * ? *", "0 8 1 * ? *", "0 12 L * ? *", "0 12 3W * ? *", "0 12 ? * 3#2 *", "0 12 ? * 6L *"]) {
      assert.equal(cronBodyProblem(body), undefined, body);
      assert.equal(messageAt(scalingCron(body), scalingPath), undefined, body);
    }
    assert.equal(scheduleExpressionProblem("cron(0 9 ? * MON-FRI *)"), undefined);
  });
});
