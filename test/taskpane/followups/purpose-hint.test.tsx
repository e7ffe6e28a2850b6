/**
 * The Transfers queue's hint to the compose pane of the new form it opens: taken once, for its case
 * only, ignored when stale or malformed; the compose view preselects the purpose from it.
 */
import "@testing-library/jest-dom";
import { screen, waitFor } from "@testing-library/react";
import {
  purposeHintMaxAgeMs,
  setPurposeHint,
  takePurposeHint,
} from "../../../src/taskpane/followups/purpose-hint";
import { addr, renderPane } from "../render-pane";

jest.setTimeout(30_000);

beforeEach(() => localStorage.clear());

describe("purpose hint", () => {
  test("taken once, for its own case only", () => {
    setPurposeHint("B000100010", "transfer", 1_000);
    expect(takePurposeHint("B000100011", 2_000)).toBeNull();
    expect(takePurposeHint("B000100010", 2_000)).toBe("transfer");
    expect(takePurposeHint("B000100010", 2_000)).toBeNull();
  });

  test("stale, from the future or malformed: ignored and cleared", () => {
    setPurposeHint("B000100010", "transfer", 1_000);
    expect(takePurposeHint("B000100010", 1_000 + purposeHintMaxAgeMs + 1)).toBeNull();
    setPurposeHint("B000100010", "transfer", 5_000);
    expect(takePurposeHint("B000100010", 4_000)).toBeNull();
    localStorage.setItem("casemail.purpose-hint", '{"caseNumber":"B000100010","purpose":"x"}');
    expect(takePurposeHint("B000100010")).toBeNull();
    expect(localStorage.getItem("casemail.purpose-hint")).toBeNull();
    localStorage.setItem("casemail.purpose-hint", "not json");
    expect(takePurposeHint("B000100010")).toBeNull();
  });

  test("the compose pane on the new form preselects the transfer notice purpose", async () => {
    setPurposeHint("B000100010", "transfer");
    renderPane({
      item: {
        subject: "Transfert de votre dossier - demande B000100010",
        to: [addr("sacha.modele@example.com")],
      },
    });
    await waitFor(() => expect(screen.getByLabelText("Purpose")).toHaveValue("transfer"));
    expect(localStorage.getItem("casemail.purpose-hint")).toBeNull();
  });

  test("a hint for another case is not used: the officer picks the purpose", async () => {
    setPurposeHint("B000100011", "transfer");
    renderPane({
      item: { subject: "Demande B000100010", to: [addr("sacha.modele@example.com")] },
    });
    // Once the case has loaded, the hint would have been read.
    expect(await screen.findByRole("heading", { name: "Case B000100010" })).toBeInTheDocument();
    expect(screen.getByLabelText("Purpose")).toHaveValue("");
    expect(localStorage.getItem("casemail.purpose-hint")).not.toBeNull();
  });
});
