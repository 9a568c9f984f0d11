/** Provided by vite.config.ts (plugin `hepatosim-model-version`): a hash of src/model and the presets. */
declare module "virtual:hepatosim-model-version" {
  export const MODEL_VERSION: string;
}
