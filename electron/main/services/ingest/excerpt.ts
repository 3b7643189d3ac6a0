/**
 * What is stored of a quarantined payload: a JSON-like excerpt of at most a few kilobytes, so a hostile
 * 50 MB frame cannot fill the disk. It is built without recursion and stops at a depth: a 20,000-deep array
 * overflowed the stack in JSON.stringify (and again in String()), and the payload was counted but never
 * stored. The excerpt is for a person to read; it need not parse.
 */
const DEPTH_MAX = 32;
const CUT = '…';

type Frame =
  | { kind: 'value'; value: unknown; depth: number }
  | { kind: 'array'; value: ArrayLike<unknown>; next: number; depth: number }
  | { kind: 'object'; value: object; keys: string[]; next: number; depth: number };

function scalar(v: unknown): string | null {
  switch (typeof v) {
    case 'string':
      return null; // quoted by the caller, cut to the space left
    case 'number':
    case 'boolean':
      return String(v);
    case 'bigint':
      return `${v}n`;
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return String(v.description ?? '').length > 100 ? 'Symbol(…)' : String(v);
    case 'function':
      return '[function]';
    default:
      if (v === null) return 'null';
      if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return `<binary ${v.byteLength} bytes>`;
      return null;
  }
}

function ownKeys(v: object): string[] {
  try {
    return Object.keys(v);
  } catch {
    return []; // a revoked proxy, say: shown as {}
  }
}

function read(o: object, key: string | number): unknown {
  try {
    return (o as Record<string | number, unknown>)[key];
  } catch {
    return '[unreadable]';
  }
}

export function excerpt(payload: unknown, max: number): string {
  let out = '';
  let cut = false;
  const stack: Frame[] = [{ kind: 'value', value: payload, depth: 0 }];
  const emit = (s: string): void => {
    if (s.length <= max - out.length) out += s;
    else {
      out += s.slice(0, max - out.length);
      cut = true;
    }
  };
  while (stack.length && !cut) {
    const f = stack.pop()!;
    if (f.kind === 'array') {
      if (f.next >= f.value.length) emit(']');
      else {
        stack.push({ ...f, next: f.next + 1 });
        if (f.next > 0) emit(',');
        stack.push({ kind: 'value', value: read(f.value, f.next), depth: f.depth + 1 });
      }
    } else if (f.kind === 'object') {
      if (f.next >= f.keys.length) emit('}');
      else {
        const key = f.keys[f.next];
        stack.push({ ...f, next: f.next + 1 });
        emit(`${f.next > 0 ? ',' : ''}${JSON.stringify(key.slice(0, max))}:`);
        stack.push({ kind: 'value', value: read(f.value, key), depth: f.depth + 1 });
      }
    } else {
      const v = f.value;
      const s = scalar(v);
      if (s !== null) emit(s);
      else if (typeof v === 'string') emit(JSON.stringify(v.slice(0, max - out.length + 1)));
      else if (f.depth >= DEPTH_MAX) emit(Array.isArray(v) ? `[${CUT}]` : `{${CUT}}`);
      else if (Array.isArray(v)) {
        emit('[');
        stack.push({ kind: 'array', value: v, next: 0, depth: f.depth });
      } else if (v instanceof Date) {
        emit(Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString());
      } else {
        emit('{');
        stack.push({ kind: 'object', value: v as object, keys: ownKeys(v as object), next: 0, depth: f.depth });
      }
    }
  }
  // Cut: the part that fitted, and a mark that there was more.
  return cut ? out.slice(0, Math.max(0, max - CUT.length)) + CUT : out;
}
