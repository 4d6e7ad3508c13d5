import { useEffect, useState } from 'preact/hooks';
import type { TryResult } from '../../simulator/session/types';
import { answerQuestion } from '../progress/record';
import { quizScore, type LessonProgress } from '../progress/schema';
import { loadProgress, onProgressChange, updateProgress } from '../progress/store';
import { gradeMultiple, gradeOrder, gradeSingle, moveItem, shuffledOrder } from './grade';
import { Inline } from './Inline';
import type { PageQuestion, QuestionStatus } from './quiz-types';

interface Props {
  lessonId: string;
  /** The page's session key: command questions run on a copy of this session. */
  storageKey: string;
  questions: PageQuestion[];
}

/** What the learner answered, per question type. */
type Answer = { chosen: Set<number> } | { arranged: number[] } | { command: string };

interface Graded {
  status: QuestionStatus;
  /** For a command question: what the command printed and what the engine found. */
  tried?: TryResult;
  error?: string;
}

function initialAnswer(question: PageQuestion): Answer {
  if (question.type === 'order') return { arranged: shuffledOrder(question.items.length, question.id) };
  if (question.type === 'command') return { command: '' };
  return { chosen: new Set() };
}


/** How many lines of a command's output the feedback shows: its end, where errors are. */
const OUTPUT_LINES = 12;

function lastLines(text: string): string {
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').trimEnd().split('\n').slice(-OUTPUT_LINES).join('\n');
}

interface QuestionProps {
  question: PageQuestion;
  number: number;
  lessonId: string;
  storageKey: string;
  /** How it was answered before (this browser, or imported progress). */
  before: QuestionStatus;
}

function QuestionView({ question, number, lessonId, storageKey, before }: QuestionProps) {
  const [answer, setAnswer] = useState<Answer>(() => initialAnswer(question));
  const [graded, setGraded] = useState<Graded>({ status: 'unanswered' });
  const [checking, setChecking] = useState(false);
  // After "Try again" the question is being answered anew: its earlier answer no longer stands for its status.
  const [retried, setRetried] = useState(false);

  const answered = graded.status !== 'unanswered';
  const status = answered ? graded.status : retried ? 'unanswered' : before;
  const name = `${lessonId}-${question.id}`;

  const record = (correct: boolean, extra: Omit<Graded, 'status'> = {}) => {
    setGraded({ status: correct ? 'correct' : 'incorrect', ...extra });
    updateProgress((progress) => answerQuestion(progress, lessonId, question.id, correct, new Date()));
  };

  const check = async (event: Event) => {
    event.preventDefault();
    if ('chosen' in answer && question.type === 'single') record(gradeSingle(question.choices.map((choice) => choice.correct), [...answer.chosen][0] ?? -1));
    else if ('chosen' in answer && question.type === 'multiple') record(gradeMultiple(question.choices.map((choice) => choice.correct), answer.chosen));
    else if ('arranged' in answer) record(gradeOrder(answer.arranged));
    else if ('command' in answer && question.type === 'command') {
      setChecking(true);
      try {
        const { pageSession } = await import('../session/page-session');
        const session = await pageSession(storageKey);
        const tried = await session.tryCommand(answer.command, question.checks);
        record(tried.results.every((result) => result.passed), { tried });
      } catch (error) {
        setGraded({ status: 'unanswered', error: `The engine could not try that command (${error instanceof Error ? error.message : String(error)}). Try again.` });
      } finally {
        setChecking(false);
      }
    }
  };

  const retry = () => {
    setRetried(true);
    setGraded({ status: 'unanswered' });
    setAnswer(initialAnswer(question));
  };

  const incomplete = 'chosen' in answer ? answer.chosen.size === 0 : 'command' in answer ? answer.command.trim() === '' : false;
  const promptId = `${name}-prompt`;
  return (
    <li class="quiz-question" data-question={question.id} data-status={status}>
      <form onSubmit={(event) => void check(event)}>
        <fieldset disabled={answered || checking} aria-describedby={`${name}-feedback`}>
          <legend id={promptId}>
            <span class="quiz-number">{number}.</span> <Inline text={question.prompt} />
            {question.type === 'multiple' && <span class="quiz-kind"> (choose every one that applies)</span>}
            {question.type === 'order' && <span class="quiz-kind"> (put them in order with the arrow buttons)</span>}
          </legend>
          {(question.type === 'single' || question.type === 'multiple') && 'chosen' in answer && (
            <ul class="quiz-choices">
              {question.choices.map((choice, index) => {
                const chosen = answer.chosen.has(index);
                return (
                  <li class={answered ? (choice.correct ? 'choice-right' : chosen ? 'choice-wrong' : '') : ''}>
                    <label>
                      <input
                        type={question.type === 'single' ? 'radio' : 'checkbox'}
                        name={name}
                        checked={chosen}
                        onChange={() => {
                          const next = question.type === 'single' ? new Set<number>() : new Set(answer.chosen);
                          if (question.type === 'multiple' && chosen) next.delete(index);
                          else next.add(index);
                          setAnswer({ chosen: next });
                        }}
                      />{' '}
                      <Inline text={choice.text} />
                    </label>
                    {answered && (chosen || choice.correct) && (
                      <p class="quiz-why">
                        <strong>{choice.correct ? (chosen ? 'Right: ' : 'Also right: ') : 'Not this one: '}</strong>
                        <Inline text={choice.why} />
                      </p>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {question.type === 'order' && 'arranged' in answer && (
            <ol class="quiz-order">
              {answer.arranged.map((item, position) => (
                <li class={answered ? (item === position ? 'choice-right' : 'choice-wrong') : ''}>
                  <span class="quiz-order-text">
                    <Inline text={question.items[item] ?? ''} />
                  </span>
                  <button type="button" class="quiz-move" aria-label={`Move up: ${question.items[item] ?? ''}`} disabled={position === 0} onClick={() => setAnswer({ arranged: moveItem(answer.arranged, position, -1) })}>
                    ↑
                  </button>
                  <button type="button" class="quiz-move" aria-label={`Move down: ${question.items[item] ?? ''}`} disabled={position === answer.arranged.length - 1} onClick={() => setAnswer({ arranged: moveItem(answer.arranged, position, 1) })}>
                    ↓
                  </button>
                </li>
              ))}
            </ol>
          )}
          {question.type === 'command' && 'command' in answer && (
            <label class="quiz-command">
              <span>Your command</span>
              <input
                type="text"
                spellcheck={false}
                autocomplete="off"
                autocapitalize="off"
                placeholder={question.placeholder}
                value={answer.command}
                onInput={(event) => setAnswer({ command: (event.target as HTMLInputElement).value })}
              />
            </label>
          )}
        </fieldset>
        <div class="quiz-actions">
          {/* Keyed apart: were the DOM button reused, it would turn into the submit button during the click and submit the form. */}
          {answered ? (
            <button key="retry" type="button" class="button secondary" onClick={retry}>
              Try again
            </button>
          ) : (
            <button key="check" type="submit" class="button" disabled={incomplete || checking}>
              {checking ? 'Checking…' : 'Check answer'}
            </button>
          )}
          {!answered && !retried && before !== 'unanswered' && <span class="quiz-before">{before === 'correct' ? 'You answered this right before.' : 'Your last answer was not right.'}</span>}
        </div>
      </form>
      <div id={`${name}-feedback`} class="quiz-feedback" aria-live="polite">
        {graded.error && <p>{graded.error}</p>}
        {answered && <Feedback question={question} answer={answer} graded={graded} />}
      </div>
    </li>
  );
}

function Feedback({ question, answer, graded }: { question: PageQuestion; answer: Answer; graded: Graded }) {
  const right = graded.status === 'correct';
  return (
    <>
      <p class="quiz-verdict">{right ? 'Correct.' : 'Not quite.'}</p>
      {question.type === 'order' && (
        <>
          {!right && (
            <p>
              The right order:{' '}
              {question.items.map((item, index) => (
                <span>
                  {index > 0 && ' → '}
                  <Inline text={item} />
                </span>
              ))}
            </p>
          )}
          <p>
            <Inline text={question.why} />
          </p>
        </>
      )}
      {question.type === 'command' && 'command' in answer && graded.tried && (
        <>
          <p class="quiz-ran">
            Ran <code>{answer.command}</code> on a copy of your session (exit status {graded.tried.status}). Your own session is unchanged.
          </p>
          {lastLines(graded.tried.output) !== '' && <pre class="quiz-output">{lastLines(graded.tried.output)}</pre>}
          <ul class="quiz-results">
            {graded.tried.results.map((result) => (
              <li class={result.passed ? 'choice-right' : 'choice-wrong'}>
                {result.passed ? '✓ ' : '✗ '}
                {result.explanation}
              </li>
            ))}
          </ul>
          {!right && (
            <p>
              One command that works: <code>{question.example}</code>
            </p>
          )}
          <p>
            <Inline text={question.why} />
          </p>
        </>
      )}
    </>
  );
}

/** `<Quiz />`: the lesson's questions, graded on the page (command questions by the engine), each answer kept in the learner's progress. */
export default function QuizIsland({ lessonId, storageKey, questions }: Props) {
  // The learner's progress in this lesson, read once the island runs (the first render matches the server's) and on every change.
  const [progress, setProgress] = useState<LessonProgress | undefined>(undefined);
  useEffect(() => {
    const read = () => setProgress(loadProgress().progress.lessons[lessonId]);
    read();
    return onProgressChange(read);
  }, [lessonId]);
  const { correct, answered, total } = quizScore(progress, questions.map((question) => question.id));
  const score = answered === 0 ? '' : `Score: ${correct} of ${total} correct${answered < total ? ` (${total - answered} not answered yet)` : ''}.`;
  return (
    <section class="quiz" data-quiz={lessonId} aria-label="Quiz">
      <ol class="quiz-questions">
        {questions.map((question, index) => (
          <QuestionView key={question.id} question={question} number={index + 1} lessonId={lessonId} storageKey={storageKey} before={progress?.quiz[question.id]?.status ?? 'unanswered'} />
        ))}
      </ol>
      <p class="quiz-score" data-quiz-score aria-live="polite">
        {score}
      </p>
    </section>
  );
}
