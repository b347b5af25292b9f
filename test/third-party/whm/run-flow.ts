import { spawn } from 'node:child_process';

export interface FlowStep {
  step: string;
  value?: any;
  error?: string;
}

/** Runs a client flow script (`node script args…`) and returns its steps by name. */
export function runFlow(script: string, args: string[]): Promise<Record<string, FlowStep>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c));
    child.stderr.on('data', (c: Buffer) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited ${code}: ${err}`));
      const steps: Record<string, FlowStep> = {};
      for (const line of out.split('\n').filter(Boolean)) {
        const s = JSON.parse(line) as FlowStep;
        steps[s.step] = s;
      }
      resolve(steps);
    });
  });
}
