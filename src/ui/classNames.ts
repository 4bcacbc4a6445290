/** Our class first, then the host's (`className` on a part is added, never a replacement). */
export function classNames(ours: string, theirs: string | undefined): string {
  return theirs ? `${ours} ${theirs}` : ours
}
