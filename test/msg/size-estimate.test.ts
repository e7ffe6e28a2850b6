/** The early size check is a lower bound of the real `.msg` length, and cheap enough to run live. */
import { estimateMsgSize, isCertainlyOverLimit, mimeToMsg } from "../../src/msg";
import { sizedCase } from "./generated-messages";

test.each([10_000, 1_000_000, 3_990_000, 4_200_000])(
  "a %d-byte attachment: the estimate is a lower bound within 2%% of the file",
  async (size) => {
    const c = sizedCase(`est-${size}`, size);
    const estimate = estimateMsgSize(c.mime);
    const msg = await mimeToMsg(c.mime);
    expect(estimate.decodedBase64Bytes).toBeGreaterThanOrEqual(size);
    expect(estimate.lowerBound).toBeLessThanOrEqual(msg.length);
    expect(msg.length - estimate.lowerBound).toBeLessThan(Math.max(20_000, msg.length * 0.02));
  }
);

test("isCertainlyOverLimit says yes only when the attachments alone exceed the limit", () => {
  expect(isCertainlyOverLimit(sizedCase("over", 4_100_000).mime)).toBe(true);
  expect(isCertainlyOverLimit(sizedCase("under", 3_000_000).mime)).toBe(false);
  expect(isCertainlyOverLimit(sizedCase("custom", 600_000).mime, 500_000)).toBe(true);
});
