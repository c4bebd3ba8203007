import type { StepVisit, Suspension } from './flow-records.js';
import type { LeadState } from './lead-state.js';
import type {
  Activity,
  Campaign,
  CampaignGraph,
  CampaignHistory,
  Effects,
  SmartListDefinition,
} from './model.js';
import type { CompiledSmartList, SmartListEnvironment } from './smart-list-compiler.js';
import type { MyTokenLayer, TokenContext } from './tokens.js';

/** A campaign ready to run: compiled smart list and steps, and its own token context (semantics T5). */
export interface CompiledCampaign {
  readonly source: Campaign;
  readonly smartList: CompiledSmartList;
  readonly steps: readonly CompiledStep[];
  /**
   * Its program's effective My Tokens: the fallback layer when it runs in a parent's context (semantics T4).
   */
  readonly ownTokens: MyTokenLayer;
  readonly ownContext: TokenContext;
}

/** A campaign graph compiled for running flows and evaluating smart lists (see `compiledGraph`). */
export interface CompiledGraph extends SmartListEnvironment {
  readonly source: CampaignGraph;
  /** Names of the graph's SCORE fields, `score` included. */
  readonly scoreFields: readonly string[];
  /** The compiled campaign, or undefined when the graph does not hold it. */
  campaign(id: string): CompiledCampaign | undefined;
  /** A smart-list definition compiled against this graph. */
  smartList(definition: SmartListDefinition): CompiledSmartList;
}

/** One campaign's flow running for the lead: its depth and the token context its steps resolve in. */
export interface Frame {
  readonly campaign: CompiledCampaign;
  readonly depth: number;
  readonly tokens: TokenContext;
}

/** Everything one lead's flow reads and changes while it runs. */
export interface RunState {
  readonly graph: CompiledGraph;
  readonly lead: LeadState;
  readonly history: Record<string, CampaignHistory>;
  readonly now: Date;
  readonly activities: Activity[];
  readonly effects: Effects;
  /** The steps reached, in order (semantics A4). */
  readonly steps: StepVisit[];
  /** The frames currently running, outermost first (the top campaign, then executed children). */
  readonly stack: Frame[];
  /** Set by Remove from Flow: no further step of any running frame runs. */
  stopped: boolean;
  suspend: Suspension | null;
}

/** A compiled flow action: applies itself to the run state for the lead. */
export type StepRunner = (state: RunState, frame: Frame, stepIndex: number) => void;

/** A compiled flow step: choices in order, then the default (semantics F1). */
export interface CompiledStep {
  readonly choices: readonly {
    readonly when: (lead: LeadState) => boolean;
    readonly run: StepRunner | null;
  }[];
  readonly run: StepRunner | null;
}
