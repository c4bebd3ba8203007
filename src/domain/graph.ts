import { compileAction } from './actions/compile-action.js';
import type { CompiledCampaign, CompiledGraph, CompiledStep } from './flow-types.js';
import { type FieldIndex, indexFields } from './lead-state.js';
import type { Campaign, CampaignGraph, FlowStep, SmartListDefinition } from './model.js';
import { ownValue } from './own.js';
import {
  type CompiledSmartList,
  compileFilter,
  compileSmartList,
  type ReferencedSmartList,
} from './smart-list-compiler.js';
import { ownContext, programTokenLayer } from './tokens.js';

const never = () => false;

/**
 * A campaign graph compiled lazily: each campaign, smart list and template is compiled once and
 * reused for every lead. Smart-list references are resolved with cycle detection.
 */
class LazyCompiledGraph implements CompiledGraph {
  readonly fields: FieldIndex;
  /** Names of the graph's SCORE fields, `score` included. */
  readonly scoreFields: readonly string[];
  private readonly campaigns = new Map<string, CompiledCampaign | undefined>();
  private readonly assets = new Map<string, ReferencedSmartList>();
  private readonly compiling = new Set<string>();
  private readonly definitions = new WeakMap<SmartListDefinition, CompiledSmartList>();

  constructor(readonly source: CampaignGraph) {
    this.fields = indexFields(source.fields);
    this.scoreFields = [...this.fields.values()]
      .filter((field) => field.type === 'SCORE')
      .map((field) => field.name);
  }

  /** The compiled campaign, or undefined when the graph does not hold it. */
  campaign(id: string): CompiledCampaign | undefined {
    if (!this.campaigns.has(id)) {
      const source = ownValue(this.source.campaigns, id);
      this.campaigns.set(id, source && this.compileCampaign(source));
    }
    return this.campaigns.get(id);
  }

  /** A smart-list definition compiled against this graph (cached per definition object). */
  smartList(definition: SmartListDefinition): CompiledSmartList {
    let compiled = this.definitions.get(definition);
    if (!compiled) {
      compiled = compileSmartList(definition, this);
      this.definitions.set(definition, compiled);
    }
    return compiled;
  }

  /**
   * Resolves a MEMBER_OF_SMART_LIST target: missing, deleted and cyclic references are unusable
   * (semantics E4).
   */
  referencedSmartList(id: string): ReferencedSmartList {
    const cached = this.assets.get(id);
    if (cached) return cached;
    const asset = ownValue(this.source.smartLists, id);
    if (!asset) return { ok: false, reason: `smart list ${id} does not exist` };
    if (asset.deleted) return { ok: false, reason: `smart list "${asset.name}" is deleted` };
    if (this.compiling.has(id))
      return { ok: false, reason: `smart list "${asset.name}" is part of a reference cycle` };
    this.compiling.add(id);
    const resolved: ReferencedSmartList = {
      ok: true,
      name: asset.name,
      list: this.smartList(asset.definition),
    };
    this.compiling.delete(id);
    this.assets.set(id, resolved);
    return resolved;
  }

  campaignName(id: string): string | undefined {
    return ownValue(this.source.campaigns, id)?.name;
  }

  private compileCampaign(source: Campaign): CompiledCampaign {
    const program = ownValue(this.source.programs, source.programId);
    const ownTokens = programTokenLayer(program, this.source.folders);
    return {
      source,
      smartList: this.smartList(source.smartList),
      steps: source.flow.map((step) => this.compileStep(step)),
      ownTokens,
      ownContext: ownContext(source, program, ownTokens),
    };
  }

  private compileStep(step: FlowStep): CompiledStep {
    return {
      choices: step.choices.map((choice) => {
        const when = compileFilter(choice.when, this);
        // A condition that cannot be evaluated never holds; campaignProblems reports it.
        return { when: when.valid ? when.test : never, run: compileAction(choice.action, this) };
      }),
      run: compileAction(step.action, this),
    };
  }
}

const compiledGraphs = new WeakMap<CampaignGraph, CompiledGraph>();

/** The compilation of a graph, made once per graph object. */
export function compiledGraph(graph: CampaignGraph): CompiledGraph {
  let compiled = compiledGraphs.get(graph);
  if (!compiled) {
    compiled = new LazyCompiledGraph(graph);
    compiledGraphs.set(graph, compiled);
  }
  return compiled;
}
