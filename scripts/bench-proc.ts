/**
 * What `npm run bench:load` reads of the machine from /proc: a process's memory and CPU time, the
 * PostgreSQL processes, the whole machine's busy time, and the bench's own CPU time.
 */
import fs from 'node:fs';

/** VmRSS and VmHWM of a process in MB, from /proc/<pid>/status. */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

/**
 * User and system CPU time of these processes in ms, with that of their children that have ended
 * (/proc/<pid>/stat utime, stime, cutime, cstime): a PostgreSQL backend that ends during a level is
 * counted in its parent's. A process gone counts 0.
 */
export function cpuMs(pids: number[]): number {
  const tickMs = 1000 / 100; // USER_HZ is 100 on Linux
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // gone
    }
  }
  return ticks * tickMs;
}

/** Busy and total CPU time of the whole machine in ms, from the first line of /proc/stat. */
export function machineMs(): { busy: number; total: number } {
  const [, ...fields] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal (guest time is already in user)
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.slice(0, 8).map(Number) as number[];
  const busy = user! + nice! + system! + irq! + softirq! + steal!;
  return { busy: busy * 10, total: (busy + idle! + iowait!) * 10 };
}

export const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** The PostgreSQL processes of this machine (the bench's database runs here). */
export function postgresPids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    })
    .map(Number);
}
