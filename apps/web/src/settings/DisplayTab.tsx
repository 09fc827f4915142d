import { background } from '../api.ts';
import { compactDisplay, DISPLAY, savePreferences, saveTheme, clock24 } from '../prefs.ts';
import { useStore } from '../store.ts';

function Choice<T extends string>({
  legend,
  name,
  value,
  options,
  onChange,
}: {
  legend: string;
  name: string;
  value: T;
  options: Array<{ value: T; label: string }>;
  onChange: (v: T) => void;
}) {
  return (
    <fieldset className="choice">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input type="radio" name={name} checked={value === o.value} onChange={() => onChange(o.value)} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * Theme, clock and message display, saved as Mattermost preferences (theme; display_settings
 * use_military_time and message_display) so they follow me to every device; applied at once.
 */
export function DisplayTab() {
  const theme = useStore((s) => s.theme);
  const clock = useStore((s) => (clock24(s) ? '24' : '12'));
  const display = useStore((s) => (compactDisplay(s) ? 'compact' : 'clean'));
  return (
    <div aria-label="Display">
      <Choice
        legend="Theme"
        name="theme"
        value={theme}
        options={[
          { value: 'light', label: 'Light' },
          { value: 'dark', label: 'Dark' },
        ]}
        onChange={(v) => background(saveTheme(v))}
      />
      <Choice
        legend="Clock"
        name="clock"
        value={clock}
        options={[
          { value: '12', label: '12-hour (4:20 PM)' },
          { value: '24', label: '24-hour (16:20)' },
        ]}
        onChange={(v) => background(savePreferences([[DISPLAY, 'use_military_time', String(v === '24')]]))}
      />
      <Choice
        legend="Message display"
        name="message_display"
        value={display}
        options={[
          { value: 'clean', label: 'Standard: pictures and roomy spacing' },
          { value: 'compact', label: 'Compact: more messages on screen' },
        ]}
        onChange={(v) => background(savePreferences([[DISPLAY, 'message_display', v]]))}
      />
    </div>
  );
}
