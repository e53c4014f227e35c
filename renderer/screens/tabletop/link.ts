// Which exercise a case is linked to, in this browser. The link is a view preference, not
// evidence: it lives in localStorage keyed by the case path, never in the case file.
const key = (casePath: string): string => `cairn.exercise:${casePath}`;

export function linkedExercise(casePath: string): string | null {
  return localStorage.getItem(key(casePath));
}

export function linkExercise(casePath: string, dir: string): void {
  localStorage.setItem(key(casePath), dir);
}

export function unlinkExercise(casePath: string): void {
  localStorage.removeItem(key(casePath));
}
