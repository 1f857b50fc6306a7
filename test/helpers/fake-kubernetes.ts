import * as http from "http";
import type { AddressInfo } from "net";
import { eksToken, tokenPrefix } from "../../automation/drill/aws/eks-token";
import { KubernetesConnect, kubernetesApis } from "../../automation/drill/aws/kubernetes";
import type { SideName } from "../../automation/drill/targets";

/**
 * A Kubernetes API server per side, on localhost, that the drill reaches through the real
 * @kubernetes/client-node: the Deployments' scale subresource, the Deployments, their pods and their
 * HPAs. Each request must carry an EKS token (`k8s-aws-v1.` + a presigned STS GetCallerIdentity
 * URL signing `x-k8s-aws-id`). The simulation on every read of a Deployment's scale:
 * - its HPA adjusts the replicas into its bounds, unless the replicas are 0 with minReplicas > 0
 *   (Kubernetes documentation, "Horizontal Pod Autoscaling", "Implicit maintenance-mode deactivation");
 * - pods follow the replicas one read later (they start, or terminate, in between).
 */

export interface FakeWorkload {
  replicas: number;
  pods: number;
  hpa: { min: number; max: number };
  settle: number;
}

export class FakeKubernetes {
  readonly workloads: Record<SideName, Map<string, FakeWorkload>>;
  /** Bearer tokens seen, decoded: the presigned URLs. */
  readonly tokens: string[] = [];
  private readonly servers = new Map<SideName, { server: http.Server; url: string }>();
  /** What happens to a side before the Nth next scale read of it (someone's kubectl scale...). */
  private readonly events: { side: SideName; left: number; happen: () => void }[] = [];

  constructor(
    private readonly trace: string[],
    private readonly regions: Record<SideName, string>,
    names: readonly string[],
    replicas: Record<SideName, number>,
    hpa: Record<SideName, { min: number; max: number }>,
  ) {
    const side = (s: SideName) => new Map(names.map((name) => [name, { replicas: replicas[s], pods: replicas[s], hpa: { ...hpa[s] }, settle: 0 }]));
    this.workloads = { primary: side("primary"), standby: side("standby") };
  }

  /** Connects the drill to the side's server, with a token signed as the real connector signs it. */
  connect(sideOf: (clusterName: string) => SideName): KubernetesConnect {
    return async (cluster, region) => {
      const side = sideOf(cluster.clusterName);
      const token = await eksToken({ clusterName: cluster.clusterName, region, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" } });
      return kubernetesApis({ server: await this.start(side), token });
    };
  }

  /** Something happens to `side` before its `reads`-th next scale read. */
  between(side: SideName, reads: number, happen: () => void): this {
    this.events.push({ side, left: reads, happen });
    return this;
  }

  /** What a `pulumi up` of the side does: the program's HPA bounds; the Deployments declare no replicas. */
  setHpa(side: SideName, min: number, max: number): void {
    for (const workload of this.workloads[side].values()) workload.hpa = { min, max };
  }

  /** Whether the side has a ready pod behind every Deployment. */
  serving(side: SideName): boolean {
    return [...this.workloads[side].values()].every((w) => w.pods > 0);
  }

  async close(): Promise<void> {
    await Promise.all([...this.servers.values()].map(({ server }) => new Promise((resolve) => server.close(resolve))));
  }

  private async start(side: SideName): Promise<string> {
    const held = this.servers.get(side);
    if (held) return held.url;
    const server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        const answer = this.handle(side, req, body);
        res.writeHead(answer.status, { "content-type": "application/json" });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.servers.set(side, { server, url });
    return url;
  }

  private handle(side: SideName, req: http.IncomingMessage, body: string): { status: number; body: unknown } {
    const auth = req.headers.authorization ?? "";
    if (!auth.startsWith(`Bearer ${tokenPrefix}`)) return { status: 401, body: { kind: "Status", code: 401, message: "Unauthorized" } };
    this.tokens.push(Buffer.from(auth.slice(`Bearer ${tokenPrefix}`.length), "base64url").toString("utf8"));
    const url = new URL(req.url ?? "/", "http://localhost");
    const at = `k8s@${this.regions[side]}`;
    let m = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments\/([^/]+)(\/scale)?$/.exec(url.pathname);
    if (m) {
      const [, namespace, name, scale] = m;
      const w = this.workloads[side].get(name);
      if (!w) return { status: 404, body: { kind: "Status", code: 404, message: `deployments.apps "${name}" not found` } };
      if (req.method === "PATCH" && scale) {
        const ops = JSON.parse(body) as { op: string; path: string; value: number }[];
        this.trace.push(`${at} PATCH ${name}/scale replicas=${ops[0].value}`);
        w.replicas = ops[0].value;
        w.settle = 1;
      } else if (scale) {
        this.trace.push(`${at} GET ${name}/scale`);
        this.reconcile(side);
      }
      const meta = { name, namespace };
      const selector = `app.kubernetes.io/name=${name}`;
      return scale
        ? { status: 200, body: { apiVersion: "autoscaling/v1", kind: "Scale", metadata: meta, spec: { replicas: w.replicas }, status: { replicas: w.pods, selector } } }
        : { status: 200, body: { apiVersion: "apps/v1", kind: "Deployment", metadata: meta, spec: { selector: { matchLabels: { "app.kubernetes.io/name": name } } }, status: { replicas: w.pods, readyReplicas: w.pods } } };
    }
    m = /^\/apis\/autoscaling\/v2\/namespaces\/([^/]+)\/horizontalpodautoscalers\/([^/]+)$/.exec(url.pathname);
    if (m) {
      const [, namespace, name] = m;
      const w = this.workloads[side].get(name);
      if (!w) return { status: 404, body: { kind: "Status", code: 404, message: "not found" } };
      if (req.method === "PATCH") {
        const ops = JSON.parse(body) as { op: string; path: string; value: number }[];
        const value = (path: string) => ops.find((op) => op.path === path)?.value;
        w.hpa = { min: value("/spec/minReplicas") ?? w.hpa.min, max: value("/spec/maxReplicas") ?? w.hpa.max };
        this.trace.push(`${at} PATCH hpa ${name} min=${w.hpa.min} max=${w.hpa.max}`);
      }
      return { status: 200, body: { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { name, namespace }, spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name }, minReplicas: w.hpa.min, maxReplicas: w.hpa.max } } };
    }
    m = /^\/api\/v1\/namespaces\/([^/]+)\/pods$/.exec(url.pathname);
    if (m) {
      const name = /app\.kubernetes\.io\/name=(.+)$/.exec(url.searchParams.get("labelSelector") ?? "")?.[1] ?? "";
      const w = this.workloads[side].get(name);
      const items = Array.from({ length: w?.pods ?? 0 }, (_, i) => ({ metadata: { name: `${name}-${i}`, namespace: m?.[1] } }));
      return { status: 200, body: { apiVersion: "v1", kind: "PodList", metadata: {}, items } };
    }
    return { status: 404, body: { kind: "Status", code: 404, message: `unexpected ${req.method} ${url.pathname}` } };
  }

  /** The HPA controller and the ReplicaSet controller between two reads. */
  private reconcile(side: SideName): void {
    for (const event of [...this.events]) {
      if (event.side !== side) continue;
      if (event.left > 0) {
        event.left -= 1;
        continue;
      }
      this.events.splice(this.events.indexOf(event), 1);
      event.happen();
    }
    for (const w of this.workloads[side].values()) {
      const maintenance = w.replicas === 0 && w.hpa.min > 0;
      if (!maintenance) {
        const wanted = Math.min(Math.max(w.replicas, w.hpa.min), w.hpa.max);
        if (wanted !== w.replicas) {
          w.replicas = wanted;
          w.settle = 1;
        }
      }
      if (w.settle > 0) w.settle -= 1;
      else w.pods = w.replicas;
    }
  }
}
