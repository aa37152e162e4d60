// The deployed Worker's classifier setting (wrangler.toml: MISHEN_CLASSIFIER=escalate-all, because
// the full model does not fit a 128 MB isolate): every paragraph the model would have judged is
// escalated with a rule that says the model is not there, and nothing the model would not have
// seen changes. Never a silent pass.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkerProcess, type ServerProcess } from "../support/server-process.js";
import { tempDir } from "../support/temp.js";
import { DRAFTS } from "../support/service.js";

const BOOTSTRAP = "escalate-all-bootstrap-token-9a3e1c7b5d2f80466e1a9c3f7b5d20e84a6c1f9e3b7d5a20c48e6f1a3c9b7d5e";
let worker: ServerProcess;
beforeAll(async () => {
  worker = await startWorkerProcess({ MISHEN_WORKER_STATE: tempDir("escalate-all"), MISHEN_BOOTSTRAP_TOKEN: BOOTSTRAP, MISHEN_CLASSIFIER: "escalate-all" });
  await worker.waitHealthy();
});
afterAll(async () => {
  await worker?.stop();
});

const review = async (text: string) =>
  (await (
    await fetch(`${worker.url}/v1/reviews`, { method: "POST", headers: { authorization: `Bearer ${BOOTSTRAP}`, "content-type": "application/json" }, body: JSON.stringify({ text }) })
  ).json()) as { decision: string; engine: { modelVersion: string }; findings: { category: string; rule: string; action: string; reason: string }[] };

describe("MISHEN_CLASSIFIER=escalate-all on the Worker", () => {
  it("escalates an ordinary paragraph the model would have judged, saying the model is unavailable", async () => {
    const res = await review("本机关坚持以公开为常态、不公开为例外，强化保密意识，做好保密审查工作。");
    expect(res.decision).toBe("escalate");
    expect(res.engine.modelVersion).toMatch(/\+escalate-all$/);
    const finding = res.findings.find((f) => f.category === "sensitive_content")!;
    expect(finding.rule).toBe("classifier.model_unavailable");
    expect(finding.action).toBe("escalate");
  });

  it("leaves headings and short lines the model never sees, and the rules still redact", async () => {
    const heading = await review("年度报告");
    expect(heading.decision).toBe("publish");
    const id = await review(DRAFTS.withId);
    expect(id.findings.some((f) => f.category === "id_number" && f.action === "redact")).toBe(true);
  });

  it("runs its cron handler (purge of decided drafts, callback resumption) without error", async () => {
    // `wrangler dev --test-scheduled` (start:worker passes it) runs the `scheduled` handler on
    // /__scheduled; /cdn-cgi/handler/scheduled answers 500 before reaching it when the Worker has
    // static assets (wrangler 4.86, local only).
    const res = await fetch(`${worker.url}/__scheduled`);
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(worker.stdout() + worker.stderr()).not.toMatch(/定时任务失败|销毁到期文稿失败|Uncaught/);
  });
});
