// Types of scripts/ssr-check.mjs, for its test.
import type { ComponentType, ExoticComponent } from 'react'

export declare const LOADING_TEXT: { 'pt-BR': string; en: string }

export interface WidgetModule {
  /** Rendered with `customerId`, `baseUrl` and the props given (a `forwardRef` component is exotic). */
  KycUploader: ComponentType<never> | ExoticComponent<never>
}

export declare function renderOnServer(
  widget: WidgetModule,
  props?: Record<string, unknown>,
): { html: string; fetchCalls: number }

export declare function serverRenderProblems(widget: WidgetModule, english?: unknown): string[]
