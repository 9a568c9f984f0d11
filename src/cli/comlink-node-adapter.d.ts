/** Types for comlink's Node adapter, which ships as .mjs beside a .d.ts that TypeScript does not pair with it. */
declare module "comlink/dist/esm/node-adapter.mjs" {
  import type { Endpoint } from "comlink";
  import type { NodeEndpoint } from "comlink/dist/umd/node-adapter";
  export default function nodeEndpoint(nep: NodeEndpoint): Endpoint;
}
