import { Fragment, type ReactNode } from 'react'

/**
 * Like `interpolate`, but the values may be elements, e.g. a file name in `<bdi>` so its
 * direction cannot spill into the sentence around it. Unknown placeholders stay as written.
 */
export function interpolateNodes(template: string, params: Record<string, ReactNode>): ReactNode {
  // split() with a capture group alternates text and placeholder names.
  return template
    .split(/\{(\w+)\}/g)
    .map((part, index) =>
      index % 2 === 0 ? (
        part
      ) : (
        <Fragment key={index}>{part in params ? params[part] : `{${part}}`}</Fragment>
      ),
    )
}
