/** A MozDef event document, as the C original emitted it. `details` values are always strings. */
export interface MozDefMessage {
  category: string;
  summary: string;
  severity: string;
  hostname: string;
  processid: number;
  processname: string;
  timestamp: string;
  tags: string[];
  details: Record<string, string>;
}
