import { useId, useState } from 'react';
import { applyThemeChoice, readThemeChoice, type ThemeChoice } from '../lib/theme';
import './ThemePicker.css';

const OPTIONS: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'Match my device' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Light or dark regardless of the device: a dark room during a session should not need a settings trip. */
export function ThemePicker() {
  const [choice, setChoice] = useState<ThemeChoice>(readThemeChoice);
  const name = useId();

  function choose(next: ThemeChoice) {
    setChoice(next);
    applyThemeChoice(next);
  }

  return (
    <fieldset className="theme-picker">
      <legend className="theme-picker__legend">Appearance</legend>
      <div className="theme-picker__options">
        {OPTIONS.map((option) => {
          const id = `${name}-${option.value}`;
          return (
            <div className="theme-picker__option" key={option.value}>
              <input
                className="theme-picker__input"
                type="radio"
                id={id}
                name={name}
                value={option.value}
                checked={choice === option.value}
                onChange={() => choose(option.value)}
              />
              <label className="theme-picker__label" htmlFor={id}>
                {option.label}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
