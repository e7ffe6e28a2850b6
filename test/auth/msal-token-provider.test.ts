import { InteractionRequiredAuthError, type IPublicClientApplication } from "@azure/msal-browser";
import { createMsalTokenProvider, type MsalSettings } from "../../src/auth/msal-token-provider";
import { TokenUnavailableError } from "../../src/auth/token-provider";

const settings: MsalSettings = {
  clientId: "00000000-0000-0000-0000-000000000001",
  tenantId: "organizations",
  scopes: { gateway: ["api://casemail/Cases.ReadWrite"], graph: ["Mail.Read.Shared"] },
};

/** The host's broker, which no test can reach: a fake of the two MSAL calls the provider makes. */
function fakePca(behaviour: { silent: () => Promise<string>; popup?: () => Promise<string> }) {
  const calls: string[] = [];
  const pca = {
    getActiveAccount: () => null,
    getAllAccounts: () => [],
    acquireTokenSilent: async (request: { scopes: string[] }) => {
      calls.push(`silent:${request.scopes.join(",")}`);
      return { accessToken: await behaviour.silent() };
    },
    acquireTokenPopup: async (request: { scopes: string[] }) => {
      calls.push(`popup:${request.scopes.join(",")}`);
      if (behaviour.popup === undefined) throw new Error("no popup");
      return { accessToken: await behaviour.popup() };
    },
  } as unknown as IPublicClientApplication;
  return { pca, calls };
}

const interactionRequired = () =>
  Promise.reject(new InteractionRequiredAuthError("interaction_required", "test-correlation"));

describe("MSAL token provider", () => {
  it("uses NAA silently with the scope's own scopes", async () => {
    const { pca, calls } = fakePca({ silent: async () => "naa-token" });
    const provider = createMsalTokenProvider(settings, {
      naaSupported: () => true,
      signInWithDialog: () => Promise.reject(new Error("unused")),
      createPca: async () => pca,
    });
    expect(await provider.getToken("graph")).toBe("naa-token");
    expect(calls).toEqual(["silent:Mail.Read.Shared"]);
  });

  it("falls back to a popup when NAA needs interaction, but never for silentOnly", async () => {
    const { pca, calls } = fakePca({
      silent: interactionRequired,
      popup: async () => "popup-token",
    });
    const provider = createMsalTokenProvider(settings, {
      naaSupported: () => true,
      signInWithDialog: () => Promise.reject(new Error("unused")),
      createPca: async () => pca,
    });
    await expect(provider.getToken("gateway", { silentOnly: true })).rejects.toBeInstanceOf(
      TokenUnavailableError
    );
    expect(calls).toEqual(["silent:api://casemail/Cases.ReadWrite"]);
    expect(await provider.getToken("gateway")).toBe("popup-token");
    expect(calls.at(-1)).toBe("popup:api://casemail/Cases.ReadWrite");
  });

  it("uses the dialog where NAA is not supported, and caches the token until near expiry", async () => {
    let clock = 1_000_000;
    const dialogs: string[][] = [];
    const provider = createMsalTokenProvider(settings, {
      naaSupported: () => false,
      signInWithDialog: async (scopes) => {
        dialogs.push(scopes);
        return { accessToken: `dialog-${dialogs.length}`, expiresAt: clock + 3_600_000 };
      },
      now: () => clock,
    });
    expect(await provider.getToken("graph")).toBe("dialog-1");
    expect(await provider.getToken("graph", { silentOnly: true })).toBe("dialog-1");
    clock += 3_600_000 - 30_000; // inside the refresh margin
    await expect(provider.getToken("graph", { silentOnly: true })).rejects.toBeInstanceOf(
      TokenUnavailableError
    );
    expect(await provider.getToken("graph")).toBe("dialog-2");
    expect(dialogs).toEqual([["Mail.Read.Shared"], ["Mail.Read.Shared"]]);
  });

  it("turns any sign-in failure into TokenUnavailableError for the scope", async () => {
    const provider = createMsalTokenProvider(settings, {
      naaSupported: () => false,
      signInWithDialog: () => Promise.reject(new Error("dialog closed")),
    });
    await expect(provider.getToken("gateway")).rejects.toMatchObject({ scope: "gateway" });
  });
});
