// RUN: gaus-opt --list-passes | FileCheck %s

// CHECK: gaus-schedule: schedule
// CHECK: method: scheduling method [default: list]
// CHECK: latency-bound:
// CHECK: gaus-verify: check the schedules
