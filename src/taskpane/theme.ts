/**
 * The Fluent theme that matches Outlook: dark when Office says its body is dark, high contrast
 * when the system forces colours (Windows high contrast), else light.
 */
import {
  teamsHighContrastTheme,
  webDarkTheme,
  webLightTheme,
  type Theme,
} from "@fluentui/react-components";

export type ThemeName = "light" | "dark" | "high-contrast";

/** Relative luminance of a `#rrggbb` colour, 0 (black) to 1 (white); null when unreadable. */
export function luminance(hex: string): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map((c) => {
    const v = parseInt(c as string, 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function themeName(officeBackground: string | null, forcedColors: boolean): ThemeName {
  if (forcedColors) return "high-contrast";
  const l = officeBackground === null ? null : luminance(officeBackground);
  return l !== null && l < 0.2 ? "dark" : "light";
}

export function fluentTheme(name: ThemeName): Theme {
  return name === "dark"
    ? webDarkTheme
    : name === "high-contrast"
      ? teamsHighContrastTheme
      : webLightTheme;
}
