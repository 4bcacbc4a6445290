import { LOCALES, type Preferences, type Theme } from './preferences.ts'

interface PreferencesFormProps {
  preferences: Preferences
  onChange: (preferences: Preferences) => void
}

const THEMES: { id: Theme; label: string }[] = [
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
]

/** Locale and theme of the widget. */
export function PreferencesForm({ preferences, onChange }: PreferencesFormProps) {
  return (
    <section className="demo-card" aria-labelledby="demo-appearance-heading">
      <h2 id="demo-appearance-heading">Appearance</h2>
      <div className="demo-field">
        <label htmlFor="demo-locale">Language</label>
        <select
          id="demo-locale"
          value={preferences.locale}
          onChange={(event) => onChange({ ...preferences, locale: event.target.value })}
        >
          {Object.entries(LOCALES).map(([id, { label }]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="demo-field demo-choices">
        <legend>Theme</legend>
        {THEMES.map((theme) => (
          <label key={theme.id}>
            <input
              type="radio"
              name="demo-theme"
              value={theme.id}
              checked={preferences.theme === theme.id}
              onChange={() => onChange({ ...preferences, theme: theme.id })}
            />
            {theme.label}
          </label>
        ))}
      </fieldset>
    </section>
  )
}
