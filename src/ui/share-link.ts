/**
 * The scenario in a link: `?s=` holds base64url(UTF-8 JSON) of the smallest document that re-creates
 * the scenario on its preset (scenarioDelta). Decoding treats the text as hostile: length, alphabet,
 * UTF-8, JSON and finally the one scenario schema must all pass, otherwise the caller gets a message
 * and no document. Nothing from a link is ever inserted as HTML.
 */
import { upgradeLegacy } from "../model/params/legacy";
import { presetLookup } from "../model/params/presets";
import { resolveScenario, scenarioDelta } from "../model/params/scenario";
import type { Scenario, ScenarioInput } from "../model/params/scenario-schema";
import { InputError } from "../model/params/validation";
import { TEXT } from "./text";

/** Longer links are refused before any decoding (a scenario delta is a few hundred characters). */
export const MAX_SHARE_CHARS = 8000;

const BASE64URL = /^[A-Za-z0-9_-]*$/;
/** Free text in a link may not look like markup or carry control characters. */
function unsafeText(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "<" || ch === ">" || code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The document a link carries for this scenario: its delta on the preset, without free text. */
export function shareDocument(s: Scenario): ScenarioInput {
  const { title: _title, description: _description, ...rest } = scenarioDelta(s, presetLookup);
  return rest;
}

export function encodeShare(doc: ScenarioInput): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(doc)));
}

export type DecodedShare = { ok: true; doc: ScenarioInput; warnings: string[] } | { ok: false; message: string };

const short = (v: string) => (v.length > 60 ? `${v.slice(0, 57)}...` : v);

/** Reads `?s=` text: a valid scenario document, or a message saying what is wrong with it. */
export function decodeShare(text: string): DecodedShare {
  if (text.length > MAX_SHARE_CHARS) return { ok: false, message: TEXT.share.tooLong(MAX_SHARE_CHARS) };
  const trimmed = text.replace(/=+$/, "");
  if (!BASE64URL.test(trimmed) || trimmed.length % 4 === 1) return { ok: false, message: TEXT.share.notBase64 };
  let json: string;
  try {
    json = new TextDecoder("utf-8", { fatal: true }).decode(fromBase64Url(trimmed));
  } catch {
    return { ok: false, message: TEXT.share.notBase64 };
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, message: TEXT.share.notJson };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return { ok: false, message: TEXT.share.notJson };
  let doc = { ...(value as Record<string, unknown>) };
  const warnings: string[] = [];
  for (const key of ["title", "description"] as const) {
    const v = doc[key];
    if (v === undefined) continue;
    if (typeof v !== "string" || unsafeText(v)) {
      warnings.push(TEXT.share.textDropped(key, short(typeof v === "string" ? v : (JSON.stringify(v) ?? ""))));
      delete doc[key];
    }
  }
  try {
    // Links made before `species` moved to the top level carry `therapy.species`: read it, and say so.
    const upgraded = upgradeLegacy(doc);
    resolveScenario(upgraded.doc, presetLookup);
    doc = upgraded.doc as Record<string, unknown>;
    warnings.push(...upgraded.notices);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const i = e.issues[0];
    return {
      ok: false,
      message: TEXT.share.refused(short(i?.path ?? ""), short(i?.value ?? ""), short(i?.allowed ?? "")),
    };
  }
  return { ok: true, doc: doc as ScenarioInput, warnings };
}
