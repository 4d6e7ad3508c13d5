/** What `cd`, the prompt and path completion need of a filesystem. */
export interface HostDirectories {
  isDirectory(path: string): boolean;
  /** Names of the directories directly inside `path`, sorted. */
  children(path: string): string[];
}

export const LEARNER_HOME = '/home/learner';
