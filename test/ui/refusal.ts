/** The messages of the InputError a call throws (the page's refusals); fails if it throws nothing or something else. */
import { InputError } from "../../src/model/params/validation";

export function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.issues.map((i) => i.message).join("\n");
    throw e;
  }
  throw new Error("expected an InputError");
}
