import { Injectable, Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CallMetadataService } from '../calls/call-metadata.service.js';
import type { CallMetadata } from '../calls/call-metadata.entity.js';
import type { CallRef } from '../calls/call-metadata.service.js';
import { ToolCallReceiptsService, type ReceiptClaim } from '../calls/tool-call-receipts.service.js';
import { ClinicStatus } from '../database/enums.js';
import { AppMetrics } from '../metrics/app-metrics.js';
import type { CancelAppointmentArgs, CreateAppointmentArgs, ToolArgs, UpdateAppointmentArgs } from './dto/tool-args.dto.js';
import { CallLogWriter } from '../calls/call-log.writer.js';
import type { InDoubtChange } from '../calls/in-doubt.js';
import { asLang, type Lang } from './speech.js';
import { CHART_TOOLS, toolSpec, type ToolName, type ToolSpec } from './tool-catalogue.js';
import type { ToolContext } from './tool-context.js';
import { isDatabaseFailure } from '../database/db-errors.js';
import { emrUnavailable, toToolError } from './tool-errors.js';
import { answerCode, errorAnswer, toolError, type ToolAnswer, type ToolResultEntry } from './tool-reply.js';
import { AppointmentChangeTools } from './tools/appointment-change.tools.js';
import { AppointmentSearchTools } from './tools/appointment-search.tools.js';
import { CallTools } from './tools/call.tools.js';
import { ClinicInfoTools } from './tools/clinic-info.tools.js';
import { PatientTools } from './tools/patient.tools.js';
import { RegistrationTools } from './tools/registration.tools.js';
import type { VapiToolCall } from './vapi-payload.js';
import type { VoiceClinic } from './voice-clinic-directory.js';

/** Tools get the delivery's deadline less this: their own answer (EMR_UNAVAILABLE for a hanging EMR) beats the dispatcher's. */
const TOOL_MARGIN_MS = 150;

/** Kept back from the deadline for writing the receipt and sending the answer. */
const ANSWER_MARGIN_MS = 250;

export interface DeliveryContext {
  clinic: VoiceClinic;
  callId: string | null;
  callerE164: string | null;
  deadline: number;
}

type Handler = (ctx: ToolContext, args: never) => Promise<ToolAnswer>;

/** What the tools of one delivery know of the call before they run. */
interface CallView {
  call: CallRef | null;
  /** the durable row, read afresh, when a tool of the delivery binds identity or reads a chart */
  meta: CallMetadata | null;
  /** the call's last known language */
  language: string | null;
  /** the database could not be read: tools that need the call's row answer BUSY */
  unreadable?: boolean;
}

/**
 * Runs the tool calls of one `tool-calls` delivery: validates each tool's arguments with its DTO,
 * picks the caller's language, keeps receipts for mutating tools, holds everything to the
 * delivery's deadline, and turns every failure into a spoken `error` (SPEC §4.2) — our own
 * database failing included: every tool call gets a sentence, never a 5xx. After the call's
 * end-of-call report, chart tools answer NOT_PERMITTED (a closing sentence) while a duplicate of a
 * tool call answered before replays its answer. Logs carry the tool name, the code and the time
 * only: never arguments or answers.
 */
@Injectable()
export class ToolDispatcher {
  private readonly logger = new Logger('VoiceTools');
  private readonly handlers: Record<ToolName, Handler>;

  constructor(
    private readonly calls: CallMetadataService,
    private readonly receipts: ToolCallReceiptsService,
    private readonly callLogs: CallLogWriter,
    info: ClinicInfoTools,
    patients: PatientTools,
    search: AppointmentSearchTools,
    change: AppointmentChangeTools,
    registration: RegistrationTools,
    callTools: CallTools,
    private readonly metrics: AppMetrics,
  ) {
    this.handlers = {
      get_clinic_info: (ctx) => info.getClinicInfo(ctx),
      get_providers: (ctx) => info.getProviders(ctx),
      search_patient_by_phone: (ctx, args) => patients.searchByPhone(ctx, args),
      search_patient: (ctx, args) => patients.searchByName(ctx, args),
      find_earliest_appointment: (ctx, args) => search.findEarliest(ctx, args),
      check_appointments: (ctx, args) => search.checkAppointments(ctx, args),
      create_appointment: (ctx, args) => change.create(ctx, args),
      update_appointment: (ctx, args) => change.update(ctx, args),
      cancel_appointment: (ctx, args) => change.cancel(ctx, args),
      register_new_patient: (ctx, args) => registration.register(ctx, args),
      add_to_waitlist: (ctx, args) => registration.addToWaitlist(ctx, args),
      log_call_metadata: (ctx, args) => callTools.logCallMetadata(ctx, args),
      transfer_call: (ctx, args) => callTools.transferCall(ctx, args),
    };
  }

  async run(delivery: DeliveryContext, toolCalls: VapiToolCall[]): Promise<ToolResultEntry[]> {
    const view = await this.readCall(delivery, toolCalls);
    return Promise.all(toolCalls.map((tc) => this.runOne(delivery, view, tc)));
  }

  /**
   * Reads what the delivery's tools need of the call, and writes nothing: the call's row is created
   * by the first tool that records something. A tool that binds identity gets the row afresh
   * (another replica may have just verified the caller); the others need only the call's language,
   * read through a short cache, so read-only tools (get_clinic_info, get_providers) usually cost
   * no database work at all.
   */
  private async readCall(delivery: DeliveryContext, toolCalls: VapiToolCall[]): Promise<CallView> {
    if (!delivery.callId) return { call: null, meta: null, language: null };
    const call: CallRef = { clinicId: delivery.clinic.id, vapiCallId: delivery.callId, callerPhoneE164: delivery.callerE164 };
    try {
      if (toolCalls.some((tc) => needsCallRow(tc.name))) {
        const meta = await this.calls.find(call.clinicId, call.vapiCallId);
        return { call, meta, language: meta?.language ?? null };
      }
      return { call, meta: null, language: await this.calls.language(call.clinicId, call.vapiCallId) };
    } catch (error) {
      this.logger.warn({ clinicId: call.clinicId, err: error }, 'the call could not be read from the database');
      return { call, meta: null, language: null, unreadable: true };
    }
  }

  private async runOne(delivery: DeliveryContext, view: CallView, tc: VapiToolCall): Promise<ToolResultEntry> {
    const started = Date.now();
    const lang = asLang(tc.args.language) ?? asLang(view.language) ?? asLang(delivery.clinic.config.defaultLanguage) ?? 'en';
    // tools (and the EMR under them) finish a little before the delivery's deadline, so their own typed answer wins the race
    const ctx: ToolContext = { ...delivery, deadline: delivery.deadline - TOOL_MARGIN_MS, toolCallId: tc.id, lang, call: view.call, meta: view.meta, receiptWrites: [] };
    const spec = toolSpec(tc.name);
    const work = this.answer(ctx, spec, tc, view).catch((error: unknown) => {
      this.logger.error({ clinicId: ctx.clinic.id, tool: spec?.name ?? 'unknown', err: error }, 'voice tool call failed outside the tool');
      return busy(ctx.lang);
    });
    const answer = await this.withDeadline(delivery.deadline, ctx.lang, work);
    this.logger.log({ clinicId: ctx.clinic.id, tool: spec?.name ?? 'unknown', answer: answerCode(answer), ms: Date.now() - started }, 'voice tool call');
    this.metrics.toolCall(spec?.name ?? 'unknown', answerCode(answer), Date.now() - started);
    return { name: tc.name, toolCallId: tc.id, ...answer };
  }

  private async answer(ctx: ToolContext, spec: ToolSpec | undefined, tc: VapiToolCall, view: CallView): Promise<ToolAnswer> {
    if (!spec) return errorAnswer(toolError(ctx.lang, 'UNKNOWN_TOOL', 'unknownTool', 'none'));
    if (!isVoiceOn(ctx.clinic)) return errorAnswer(toolError(ctx.lang, 'CLINIC_OFFLINE', 'offline', 'none'));
    const parsed = await parseArgs(spec, tc, ctx.lang);
    if (!('args' in parsed)) return parsed;
    // without the call's row, identity and the call's end are unknown: "one moment", and Vapi's retry tries again
    if (view.unreadable && needsCallRow(spec.name)) return busy(ctx.lang);
    // a language named by the caller becomes the call's (written only when it changes; for a
    // mutating tool only by the request that runs it, not by each of its duplicates)
    const noteLanguage = async (): Promise<void> => {
      if (ctx.call && asLang(tc.args.language) && tc.args.language !== view.language) await this.recordLanguage(ctx);
    };
    // the end-of-call report has arrived (chart tools read the call's row afresh): no chart is read or changed any more
    const over = !!view.meta?.reportedAt && CHART_TOOLS.has(spec.name);
    if (!spec.mutating || !ctx.call) {
      await noteLanguage();
      return over ? callOver(ctx.lang) : this.invoke(ctx, spec, parsed.args);
    }
    return this.withReceipt(ctx, spec, parsed.args, over, noteLanguage);
  }

  /** Not worth failing the tool for: the tool's own `language` argument already applies to this answer. */
  private async recordLanguage(ctx: ToolContext): Promise<void> {
    try {
      await this.calls.patch(ctx.call as CallRef, { language: ctx.lang });
    } catch (error) {
      this.logger.warn({ clinicId: ctx.clinic.id, err: error }, 'the call’s language was not recorded');
    }
  }

  /**
   * Mutating tools: the first request with this (call, toolCallId) runs; duplicates replay its
   * answer, also after the call is over (receipts are kept a day). A receipt the database cannot
   * take answers BUSY before anything was done; one it cannot finish still answers what the tool
   * did (a duplicate then waits, and runs again once the claim is abandoned).
   */
  private async withReceipt(ctx: ToolContext, spec: ToolSpec, args: ToolArgs, over: boolean, first: () => Promise<void>): Promise<ToolAnswer> {
    const callId = ctx.callId as string;
    let claim: ReceiptClaim;
    try {
      claim = await this.receipts.claim(ctx.clinic.id, callId, ctx.toolCallId, spec.name, ctx.deadline - ANSWER_MARGIN_MS);
    } catch (error) {
      this.logger.warn({ clinicId: ctx.clinic.id, tool: spec.name, err: error }, 'tool-call receipt not claimed: answered BUSY');
      return busy(ctx.lang);
    }
    if (claim.kind === 'replay') return JSON.parse(claim.answer) as ToolAnswer;
    if (claim.kind === 'pending') return busy(ctx.lang);
    await first();
    const answer = over ? callOver(ctx.lang) : await this.invoke(ctx, spec, args);
    if (!over && isRetryable(answer)) await this.noteDoubt(ctx, spec, args);
    try {
      // a failure worth retrying is not kept: the retry runs again
      if (isRetryable(answer)) await this.receipts.release(ctx.clinic.id, callId, ctx.toolCallId);
      // what the tool asked to write with its answer (its confirmation text) commits with the receipt
      else await this.receipts.complete(ctx.clinic.id, { vapiCallId: callId, toolCallId: ctx.toolCallId, receiptId: claim.receiptId }, JSON.stringify(answer), ctx.receiptWrites);
    } catch (error) {
      this.logger.warn({ clinicId: ctx.clinic.id, tool: spec.name, err: error }, 'tool-call receipt not finished (the answer is sent all the same)');
    }
    return answer;
  }

  /**
   * A change answered EMR_UNAVAILABLE or BUSY may still have happened (the EMR failed after it
   * acted, or the answer was late): recorded on the call, and read back from the EMR after the
   * call's report (InDoubtReconciler), so the call log and the confirmation text follow what the
   * EMR holds. Not worth failing the answer for.
   */
  private async noteDoubt(ctx: ToolContext, spec: ToolSpec, args: ToolArgs): Promise<void> {
    const change = inDoubt(ctx, spec.name, args);
    if (!change || !ctx.call) return;
    try {
      const reported = await this.calls.addDoubt(ctx.call, change);
      if (reported) await this.callLogs.reconcileLater(undefined, ctx.clinic.id, ctx.call.vapiCallId);
    } catch (error) {
      this.logger.warn({ clinicId: ctx.clinic.id, tool: spec.name, err: error }, 'an in-doubt change was not recorded');
    }
  }

  /** Runs the tool (after `first`, e.g. noting the call's language): whatever it throws becomes a spoken answer. */
  private async invoke(ctx: ToolContext, spec: ToolSpec, args: ToolArgs, first?: () => Promise<void>): Promise<ToolAnswer> {
    try {
      await first?.();
      return await this.handlers[spec.name](ctx, args as never);
    } catch (error) {
      try {
        return errorAnswer(toToolError(error, ctx.clinic, ctx.lang));
      } catch (unexpected) {
        // our own database failing under the tool: "one moment" (nothing of the EMR is known to be wrong)
        if (isDatabaseFailure(unexpected)) {
          this.logger.warn({ clinicId: ctx.clinic.id, tool: spec.name, err: unexpected }, 'voice tool stopped by the database: answered BUSY');
          return busy(ctx.lang);
        }
        this.logger.error({ clinicId: ctx.clinic.id, tool: spec.name, err: unexpected }, 'voice tool failed');
        return errorAnswer(emrUnavailable(ctx.lang));
      }
    }
  }

  /**
   * Whatever happens, the caller hears something before the deadline. A tool still running then
   * was held up by the load on this replica (its EMR calls time out earlier and say so): BUSY,
   * "one moment".
   */
  private async withDeadline(deadline: number, lang: Lang, work: Promise<ToolAnswer>): Promise<ToolAnswer> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<ToolAnswer>((resolve) => {
      timer = setTimeout(() => resolve(busy(lang)), Math.max(0, deadline - Date.now()));
    });
    try {
      return await Promise.race([work, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}

export function isVoiceOn(clinic: VoiceClinic): boolean {
  return clinic.status !== ClinicStatus.Inactive && clinic.config.voiceAgentEnabled;
}

/** "One moment": the agent tries again (our side was slow or its database failed; nothing was done). */
function busy(lang: Lang): ToolAnswer {
  return errorAnswer(toolError(lang, 'BUSY', 'busy', 'retry'));
}

/** The call is over (its report arrived): a closing sentence, nothing read or changed. */
function callOver(lang: Lang): ToolAnswer {
  return errorAnswer(toolError(lang, 'NOT_PERMITTED', 'callOver', 'none'));
}

/** The tool needs the call's row read afresh: it binds identity, or reads a chart (refused once the call is over). */
function needsCallRow(name: string): boolean {
  const spec = toolSpec(name);
  return !!spec && (spec.bindsIdentity || CHART_TOOLS.has(spec.name));
}

/** The change a mutating tool asked for, as the reconciliation reads it back. */
function inDoubt(ctx: ToolContext, name: string, args: ToolArgs): InDoubtChange | null {
  const base = { toolCallId: ctx.toolCallId, language: ctx.lang, at: new Date().toISOString() };
  if (name === 'create_appointment') {
    const a = args as CreateAppointmentArgs;
    return { ...base, kind: 'book', demographicId: a.demographicId, startTime: a.startTime, providerNo: a.providerId, smsConsent: a.smsConsent };
  }
  if (name === 'update_appointment') {
    const a = args as UpdateAppointmentArgs;
    return { ...base, kind: 'reschedule', appointmentId: a.appointmentId, startTime: a.newStartTime, providerNo: a.newProviderId, smsConsent: a.smsConsent };
  }
  if (name === 'cancel_appointment') {
    const a = args as CancelAppointmentArgs;
    return { ...base, kind: 'cancel', appointmentId: a.appointmentId, smsConsent: a.smsConsent };
  }
  return null;
}

function isRetryable(answer: ToolAnswer): boolean {
  const code = answerCode(answer);
  return code === 'EMR_UNAVAILABLE' || code === 'BUSY';
}

const VALIDATION = { whitelist: true, forbidNonWhitelisted: false, validationError: { target: false, value: false } };

/** Per tool: whether no arguments at all pass its argument class (then `{}` — most first-turn calls — needs no validation run). */
const passesEmpty = new Map<ToolName, boolean>();

async function emptyArgsPass(spec: ToolSpec): Promise<boolean> {
  let pass = passesEmpty.get(spec.name);
  if (pass === undefined) {
    pass = (await validate(new spec.args(), VALIDATION)).length === 0;
    passesEmpty.set(spec.name, pass);
  }
  return pass;
}

async function parseArgs(spec: ToolSpec, tc: VapiToolCall, lang: Lang): Promise<{ args: ToolArgs } | ToolAnswer> {
  if (tc.unreadableArgs) return errorAnswer(toolError(lang, 'INVALID_ARGUMENTS', 'invalidArgs', 'ask_repeat', { fields: [] }));
  if (Object.keys(tc.args).length === 0 && (await emptyArgsPass(spec))) return { args: new spec.args() };
  const args = plainToInstance(spec.args, tc.args) as ToolArgs;
  const problems = await validate(args, VALIDATION);
  if (problems.length) return errorAnswer(toolError(lang, 'INVALID_ARGUMENTS', 'invalidArgs', 'ask_repeat', { fields: problems.map((p) => p.property) }));
  return { args };
}
