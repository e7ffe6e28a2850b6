/** The pane benchmark's peer: a minimal React 18 + Fluent UI 9 page, built like the task pane. */
import { Button, FluentProvider, Text, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";

/** Element Timing, as on the pane's checklist heading: the bench reads when it is painted. */
const elementTiming = { elementtiming: "peer-ready" } as Record<string, string>;

function Peer() {
  return (
    <FluentProvider theme={webLightTheme}>
      <Text as="h1" data-testid="ready">
        {/* Fluent's Text drops attributes it does not know; a span keeps it (a block: Chromium
            times text by its block). */}
        <span style={{ display: "block" }} {...elementTiming}>
          Minimal React + Fluent UI page
        </span>
      </Text>
      <Button appearance="primary">Button</Button>
    </FluentProvider>
  );
}

const root = document.getElementById("root");
if (root !== null) createRoot(root).render(<Peer />);
