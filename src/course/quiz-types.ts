import type { Check } from '../../simulator/checkpoints/types';

/** A question as the page gets it: what the learner sees and what grades it (a command question's wrong answers stay at build time). */
export type PageQuestion =
  | { id: string; type: 'single' | 'multiple'; prompt: string; choices: { text: string; correct: boolean; why: string }[] }
  | { id: string; type: 'order'; prompt: string; items: string[]; why: string }
  | { id: string; type: 'command'; prompt: string; checks: Check[]; why: string; example: string; placeholder?: string };

export type QuestionStatus = 'unanswered' | 'correct' | 'incorrect';
