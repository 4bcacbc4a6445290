import { useEffect, useRef, type ReactNode } from 'react'
import type { Decorator } from './csf.ts'

/** Args every story takes: they set the frame around it, not the widget's props. */
export interface FrameArgs {
  /** Language of the widget's strings; also the frame's `lang`. Default: `pt-BR`. */
  locale: 'pt-BR' | 'en'
  /** Set as `data-theme` on the frame. Default: `light`. */
  theme: 'light' | 'dark'
  /** `phone` puts the story in a 360 px wide container. Default: `full`. */
  width: 'full' | 'phone'
}

export const DEFAULT_FRAME_ARGS: FrameArgs = { locale: 'pt-BR', theme: 'light', width: 'full' }

interface StoryFrameProps extends Partial<FrameArgs> {
  storyId: string
  children: ReactNode
}

/**
 * Theme by attribute and width by class, never by `style`, so the page holds under a strict CSP.
 * `data-story-ready` appears once the story has committed: the e2e waits for it before scanning.
 */
export function StoryFrame({ storyId, locale, theme, width, children }: StoryFrameProps) {
  const frame = useRef<HTMLDivElement>(null)
  useEffect(() => {
    frame.current?.setAttribute('data-story-ready', '')
  }, [])
  return (
    <div
      ref={frame}
      className={`showcase-frame showcase-frame--${width ?? DEFAULT_FRAME_ARGS.width}`}
      data-theme={theme ?? DEFAULT_FRAME_ARGS.theme}
      data-story={storyId}
      lang={locale ?? DEFAULT_FRAME_ARGS.locale}
    >
      {children}
    </div>
  )
}

/** CSF decorator: Storybook and Ladle apply it the same way the showcase page does. */
export const withStoryFrame: Decorator<Partial<FrameArgs>> = (Story, { id, args }) => (
  <StoryFrame storyId={id} locale={args.locale} theme={args.theme} width={args.width}>
    <Story />
  </StoryFrame>
)
