/** The pane's frame: Fluent theme and language from Outlook, navigation, and the view for the item. */
import { Button, FluentProvider, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { lazy, Suspense, useState } from "react";
import type { Locale } from "../i18n/catalog";
import type { ItemMode } from "../office/mailbox";
import type { CasePrefetch } from "./compose/case-prefetch";
import { ComposeView } from "./compose/compose-view";
import { PaneTextProvider, usePaneText } from "./pane-text";
import type { PaneServices } from "./services";
import { fluentTheme, type ThemeName } from "./theme";

// Compose is the pane officers open most and the one timed to its checklist: it is in the initial
// bundle. The work queues and the read view (with filing and the proof) load when first shown.
const QueuesView = lazy(() =>
  import(/* webpackChunkName: "queues" */ "./queues-view").then((m) => ({ default: m.QueuesView }))
);
const ReadView = lazy(() =>
  import(/* webpackChunkName: "read" */ "./read-view").then((m) => ({ default: m.ReadView }))
);

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    padding: "12px",
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    "& h1": { fontSize: tokens.fontSizeBase500, margin: "0 0 8px 0" },
    "& h2": { fontSize: tokens.fontSizeBase400, margin: "0 0 8px 0" },
    "& h3": { fontSize: tokens.fontSizeBase300, margin: "8px 0 4px 0" },
    "& .visually-hidden": {
      position: "absolute",
      width: "1px",
      height: "1px",
      overflow: "hidden",
      clip: "rect(0 0 0 0)",
      whiteSpace: "nowrap",
    },
    "& :focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
  main: { marginTop: "12px" },
  nav: { display: "flex", gap: "4px", flexWrap: "wrap" },
});

export interface AppProps {
  services: PaneServices;
  locale: Locale;
  mode: ItemMode;
  theme: ThemeName;
  /** The subject's case, requested while the pane started (compose only). */
  prefetch?: CasePrefetch | null;
}

type View = "message" | "queues";

function Shell({
  services,
  mode,
  prefetch,
}: {
  services: PaneServices;
  mode: ItemMode;
  prefetch: CasePrefetch | null;
}) {
  const s = useStyles();
  const { t } = usePaneText();
  const [view, setView] = useState<View>(mode === "none" ? "queues" : "message");
  return (
    <div className={s.root}>
      <header>
        <h1>{t("app.title")}</h1>
        {/* Plain buttons, not a TabList: its focus guards fail axe's aria-hidden-focus rule. */}
        <nav aria-label={t("nav.label")} className={s.nav}>
          {(["message", "queues"] as const).map((v) => (
            <Button
              key={v}
              appearance={view === v ? "primary" : "subtle"}
              aria-current={view === v ? "page" : undefined}
              onClick={() => setView(v)}
            >
              {t(v === "message" ? "nav.message" : "nav.queues")}
            </Button>
          ))}
        </nav>
      </header>
      <main className={s.main}>
        {view === "queues" && (
          <Suspense fallback={<Spinner label={t("queues.loading")} />}>
            <QueuesView services={services} />
          </Suspense>
        )}
        {view === "message" && mode === "compose" && (
          <ComposeView services={services} prefetch={prefetch} />
        )}
        {view === "message" && mode === "read" && (
          <Suspense fallback={<Spinner label={t("read.loading")} />}>
            <ReadView services={services} />
          </Suspense>
        )}
        {view === "message" && mode === "none" && <p>{t("noItem.body")}</p>}
      </main>
    </div>
  );
}

export function App({ services, locale, mode, theme, prefetch = null }: AppProps) {
  return (
    <FluentProvider theme={fluentTheme(theme)} lang={locale === "fr" ? "fr-CA" : "en-CA"}>
      <PaneTextProvider locale={locale}>
        <Shell services={services} mode={mode} prefetch={prefetch} />
      </PaneTextProvider>
    </FluentProvider>
  );
}
