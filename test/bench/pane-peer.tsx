/** The pane benchmark's peer: a minimal React 18 + Fluent UI 9 page, built like the task pane. */
import { Button, FluentProvider, Text, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";

function Peer() {
  return (
    <FluentProvider theme={webLightTheme}>
      <Text as="h1" data-testid="ready">
        Minimal React + Fluent UI page
      </Text>
      <Button appearance="primary">Button</Button>
    </FluentProvider>
  );
}

const root = document.getElementById("root");
if (root !== null) createRoot(root).render(<Peer />);
