/**
 * Synthetic webinar chat: scripted lines, background chatter from the audience, and bursts
 * (complaints, floods, a joker). Random-access per scenario second, so a replay — or a reviewer asking
 * for any window — gets the same messages with the same ids: `${scenario}-${second}-${index}`.
 */
import type { ChatMessage, EpochMs } from '../../../../../shared/types';
import type { ChatPool, Scenario, ScenarioChatBurst } from './scenario';
import { isSourceSilent } from './scenario-health';
import { pick, poisson, rngAt } from './scenario-random';
import { CHATTER_SUFFIXES, COMPLAINT_SUFFIXES, FIRST_NAMES, PHRASES, SURNAME_INITIALS } from './scenario-phrases';
import type { Language } from '../../../../../shared/domain/vocabulary';

interface Draft {
  offsetMs: number;
  author: string;
  text: string;
  lang?: string;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A plausible handle such as `giulia.r`, `marco_b`, `SophieM`, `jan88`, `lucia.f7`. */
function usernameFrom(rnd: () => number, lang: Language): string {
  const first = pick(rnd, FIRST_NAMES[lang]);
  const initial = pick(rnd, SURNAME_INITIALS.split(''));
  const n = 1 + Math.floor(rnd() * 98);
  switch (Math.floor(rnd() * 5)) {
    case 0:
      return `${first}.${initial}`;
    case 1:
      return `${first}_${initial}`;
    case 2:
      return `${cap(first)}${initial.toUpperCase()}`;
    case 3:
      return `${first}${n}`;
    default:
      return `${first}.${initial}${n}`;
  }
}

/** Viewer #index of the audience: a stable handle and language for the whole event. */
function viewer(
  seed: number,
  index: number,
  salt: string,
  langs: readonly Language[],
): { author: string; lang: Language } {
  const rnd = rngAt(seed, index, salt);
  const lang = pick(rnd, langs);
  return { author: usernameFrom(rnd, lang), lang };
}

const isComplaintPool = (p: ChatPool) => p.startsWith('complaint-');

function phrase(rnd: () => number, pool: ChatPool, lang: Language): string {
  const lines = PHRASES[pool][lang].length ? PHRASES[pool][lang] : PHRASES[pool].en;
  const text = pick(rnd, lines);
  if (pool === 'flood' || pool === 'joke-audio') return text;
  if (!isComplaintPool(pool)) return rnd() < 0.3 && !/[?!]$/.test(text) ? text + pick(rnd, CHATTER_SUFFIXES) : text;
  const decorated = text + pick(rnd, COMPLAINT_SUFFIXES);
  return rnd() < 0.12 ? decorated.toUpperCase() : decorated;
}

function burstDrafts(s: Scenario, b: ScenarioChatBurst, k: number, t: number): Draft[] {
  if (t < b.fromSec || t >= b.toSec) return [];
  const ramp = b.rampSec ? Math.min(1, (t - b.fromSec + 0.5) / b.rampSec) : 1;
  const rnd = rngAt(s.seed, t, `burst${k}`);
  const n = poisson(rnd, (b.perMin / 60) * ramp);
  const langs = b.languages ?? s.audience.languages;
  const out: Draft[] = [];
  for (let i = 0; i < n; i++) {
    const offsetMs = Math.floor(rnd() * 1000);
    let who: { author: string; lang: Language };
    if (b.author) who = { author: b.author, lang: pick(rnd, langs) };
    else if (b.distinctAuthors) who = viewer(s.seed, t * 10_000 + i, `fresh${k}`, langs);
    else who = viewer(s.seed, Math.floor(rnd() * 8), `crowd${k}`, langs); // a small recurring crowd
    out.push({ offsetMs, author: who.author, text: phrase(rnd, b.pool, who.lang), lang: who.lang });
  }
  return out;
}

function backgroundDrafts(s: Scenario, t: number): Draft[] {
  const rnd = rngAt(s.seed, t, 'background');
  const n = poisson(rnd, s.audience.chatPerMin / 60);
  // Chatty viewers come back: draw from a pool about the size of the audience.
  const poolSize = Math.max(20, s.audience.peakViewers);
  const out: Draft[] = [];
  for (let i = 0; i < n; i++) {
    const offsetMs = Math.floor(rnd() * 1000);
    const who = viewer(s.seed, Math.floor(rnd() * poolSize), 'audience', s.audience.languages);
    out.push({ offsetMs, author: who.author, text: phrase(rnd, 'background', who.lang), lang: who.lang });
  }
  return out;
}

/** Every chat message of scenario second `t`, in time order (empty while the source is silent). */
function messagesOfSecond(s: Scenario, t: number, startedAt: EpochMs): ChatMessage[] {
  if (t < 0 || t >= s.durationSec || isSourceSilent(s, t)) return [];
  const drafts: Draft[] = [];
  for (const line of s.chat) {
    if (Math.floor(line.atSec) !== t) continue;
    drafts.push({
      offsetMs: Math.floor((line.atSec - t) * 1000),
      author: line.author,
      text: line.text,
      lang: line.lang,
    });
  }
  drafts.push(...backgroundDrafts(s, t));
  s.chatBursts.forEach((b, k) => drafts.push(...burstDrafts(s, b, k, t)));
  // Stable sort keeps scripted lines first among equal offsets, so ids never depend on engine quirks.
  const ordered = drafts.map((d, i) => ({ d, i })).sort((a, b) => a.d.offsetMs - b.d.offsetMs || a.i - b.i);
  return ordered.map(({ d }, k) => ({
    id: `${s.name}-${t}-${k}`,
    author: d.author,
    text: d.text,
    ts: startedAt + t * 1000 + d.offsetMs,
    ...(d.lang ? { lang: d.lang } : {}),
  }));
}

/** Every chat message with scenario time in [fromSec, toSec), in time order. */
export function chatUntil(scenario: Scenario, fromSec: number, toSec: number, startedAt: EpochMs): ChatMessage[] {
  const out: ChatMessage[] = [];
  const first = Math.max(0, Math.floor(fromSec));
  const last = Math.min(scenario.durationSec, Math.ceil(toSec));
  const fromTs = startedAt + fromSec * 1000;
  const toTs = startedAt + toSec * 1000;
  for (let t = first; t < last; t++) {
    for (const m of messagesOfSecond(scenario, t, startedAt)) {
      if (m.ts >= fromTs && m.ts < toTs) out.push(m);
    }
  }
  return out;
}
