// One call to an OpenAI-compatible chat-completions endpoint (the protocol hosted services, Ollama and vLLM share).
import type { Config } from '../config.ts';
import { AppError } from '../http/errors.ts';

export type ChatMessage = { role: 'system' | 'user'; content: string };

const TIMEOUT_MS = 30_000;

const unavailable = (why: string) =>
  new AppError(
    'ai_unavailable',
    `The AI service did not answer usefully (${why}); write the text yourself or try again.`,
  );

/** Returns the assistant's text; any transport or protocol problem becomes one clear `ai_unavailable` error. */
export async function chatCompletion(config: Config, messages: ChatMessage[]): Promise<string> {
  const url = `${config.PLAYMAKER_AI_URL!.replace(/\/+$/, '')}/chat/completions`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(config.PLAYMAKER_AI_KEY ? { authorization: `Bearer ${config.PLAYMAKER_AI_KEY}` } : {}),
      },
      body: JSON.stringify({
        model: config.PLAYMAKER_AI_MODEL,
        messages,
        temperature: 0.4,
        max_tokens: 600,
        stream: false,
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw unavailable(
      err instanceof Error && err.name === 'TimeoutError'
        ? `no answer within ${TIMEOUT_MS / 1000} s`
        : 'it could not be reached',
    );
  }
  if (!res.ok) throw unavailable(`HTTP ${res.status}`);
  const body = (await res.json().catch(() => null)) as {
    choices?: Array<{ message?: { content?: unknown } }>;
  } | null;
  const text = body?.choices?.[0]?.message?.content;
  if (typeof text !== 'string' || !text.trim()) throw unavailable('an empty answer');
  return text;
}
