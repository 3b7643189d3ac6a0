/** The live chat, virtualised: only the visible rows are in the DOM, however long the event runs. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatTime } from './format';
import { useEffect, useRef, useState } from 'react';
import type { ChatMessage } from '../../shared/types';

const ROW = 22;
const markClass = { complaint: ' chat-line-flag', own: ' chat-line-own', none: '' } as const;

export type ChatLineMark = 'complaint' | 'own' | undefined;

export function ChatFeed({ messages, mark }: { messages: ChatMessage[]; mark?: (m: ChatMessage) => ChatLineMark }) {
  // TanStack Virtual's getters read mutable state: React Compiler must not memoize this component.
  'use no memo';
  const parent = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  // eslint-disable-next-line react-hooks/incompatible-library -- opted out by 'use no memo' above; the lint still reports the call
  const v = useVirtualizer({
    count: messages.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW,
    overscan: 12,
  });

  useEffect(() => {
    if (follow && messages.length) v.scrollToIndex(messages.length - 1, { align: 'end' });
  }, [messages.length, follow, v]);

  const onScroll = () => {
    const el = parent.current;
    if (el) setFollow(el.scrollHeight - el.scrollTop - el.clientHeight < ROW * 2);
  };

  return (
    // A log a keyboard user can focus and scroll with the arrow keys; new lines are not read out one by one.
    <div
      className="chat-feed"
      ref={parent}
      onScroll={onScroll}
      data-testid="chat-feed"
      role="log"
      aria-label="Live chat"
      aria-live="off"
      tabIndex={0}
    >
      <div style={{ height: v.getTotalSize(), position: 'relative' }}>
        {v.getVirtualItems().map((row) => {
          const m = messages[row.index];
          return (
            <div
              key={m.id}
              className={`chat-line${markClass[mark?.(m) ?? 'none']}`}
              data-testid="chat-line"
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: ROW,
                transform: `translateY(${row.start}px)`,
              }}
            >
              <span className="chat-time">{formatTime(m.ts)}</span>
              <span className="chat-author">{m.author}</span>
              <span className="chat-text">{m.text}</span>
            </div>
          );
        })}
      </div>
      {!follow && (
        <button className="chat-follow" onClick={() => setFollow(true)}>
          ↓ Jump to live
        </button>
      )}
    </div>
  );
}
