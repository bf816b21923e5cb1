/**
 * A ~150-word incident write-up that names no known symptom: an outage told the way an
 * incident channel tells it, with times and people and no cause in the tool's vocabulary.
 */
export const THIN_TICKET = `apiVersion: nhi-triage/v1
kind: Incident
id: INC-THIN-1
title: Payments API returned errors for two hours on Tuesday
description: >
  On Tuesday morning the payments API began returning intermittent errors to merchants.
  The on-call engineer was paged at 09:12 and joined the bridge with the platform team.
  Dashboards showed latency climbing on the checkout service and a spike in upstream
  timeouts, while the database itself looked healthy. The team first suspected a noisy
  neighbour on the shared cluster and moved two pods, which did not help. Around 10:40 a
  configuration value for the connection pool was found to differ between the two
  regions; after it was aligned the error rate fell back to normal within a few minutes.
  Customer support answered about forty tickets from merchants during the window, and
  finance checked the payments and found every one in order. We are still working out
  when the value changed and who changed it, and the follow-up review is booked for next
  week with the platform, payments and support leads. A status page note went out at 11:05.
`;
