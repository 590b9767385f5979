import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { FaxStatus } from '../../database/enums.js';
import type { FaxDocument } from '../fax-document.entity.js';
import { FAX_DOCUMENT_TYPES } from '../fax-extraction-rules.js';
import type { FaxView } from '../fax-inbox.service.js';

const STATUSES = Object.values(FaxStatus);
const METHODS = ['phn_exact', 'name_dob', 'name_only'] as const;

export class ListFaxesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES, enumName: 'FaxStatus', description: 'only documents in this status' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: FaxStatus;
}

export class FaxExtractedDataDto {
  @ApiProperty({ type: String, nullable: true, example: 'Harriet' }) patientFirstName: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Jones' }) patientLastName: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '1948-03-14' }) dateOfBirth: string | null;
  @ApiProperty({ type: String, nullable: true, example: '9698658215', description: 'BC PHN, digits only, check digit verified' }) phn: string | null;
  @ApiProperty({ type: String, nullable: true, example: '+16045550142' }) phone: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Dr. Amy Chen' }) referringProvider: string | null;
}

export class FaxCandidateDto {
  @ApiProperty({ type: String, example: '1', description: 'OSCAR demographic number' }) demographicId: string;
  @ApiProperty({ enum: METHODS, enumName: 'FaxMatchMethod', example: 'phn_exact' }) method: string;
  @ApiProperty({ type: Number, minimum: 0, maximum: 1, example: 1 }) confidence: number;
}

/** A document in the inbox list: no patient details (those are in the document's own answer). */
export class FaxSummaryDto {
  @ApiProperty({ type: String, format: 'uuid', example: '0b8f5c4e-6a1d-4f2b-9c3e-7d5a1e2f3b4c' }) id: string;
  @ApiProperty({ enum: STATUSES, enumName: 'FaxStatus', example: 'needs_review' }) status: FaxStatus;
  @ApiProperty({ type: String, example: 'upload', description: '`upload` (staff) or `telnyx` (inbound fax)' }) source: string;
  @ApiProperty({ type: Number, nullable: true, example: 2 }) pageCount: number | null;
  @ApiProperty({ enum: FAX_DOCUMENT_TYPES, enumName: 'FaxDocumentType', nullable: true, example: 'referral' }) documentType: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'referral.pdf' }) originalFilename: string | null;
  @ApiProperty({ type: String, nullable: true, example: '+16045557777' }) senderFaxNumber: string | null;
  @ApiProperty({ type: String, nullable: true, example: '1' }) matchedPatientId: string | null;
  @ApiProperty({ enum: METHODS, enumName: 'FaxMatchMethod', nullable: true, example: 'phn_exact' }) matchMethod: string | null;
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1, example: 1 }) matchConfidence: number | null;
  @ApiProperty({ type: Boolean, example: false }) matchVerified: boolean;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'why the document failed, in plain words' }) errorMessage: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-23T17:32:59.000Z' }) receivedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-23T17:33:04.000Z' }) processedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-23T17:32:59.000Z' }) createdAt: string;
}

export class FaxListDto {
  @ApiProperty({ type: [FaxSummaryDto] }) items: FaxSummaryDto[];
  @ApiProperty({ type: String, nullable: true, example: null, description: 'pass as `cursor` for the next page; null on the last page' }) nextCursor: string | null;
}

/** One document with its extracted fields, its match and the candidates (PHI: the clinic's staff only). */
export class FaxDocumentDto extends FaxSummaryDto {
  @ApiProperty({ type: FaxExtractedDataDto, nullable: true }) extractedData: FaxExtractedDataDto | null;
  @ApiProperty({ type: String, nullable: true, example: 'Harriet Jones', description: "the matched chart's name" }) matchedPatientName: string | null;
  @ApiProperty({ type: [FaxCandidateDto], description: 'up to three charts, best first' }) candidates: FaxCandidateDto[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) matchVerifiedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) matchVerifiedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'offline', description: '`offline` (built-in reader) or the AI vendor' }) extractionProvider: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'rules-1' }) extractionModel: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 0 }) extractionCostCents: number | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'how the document was read, what to check' }) extractionNote: string | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'why staff rejected it' }) rejectReason: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['application/pdf', 'image/tiff'], example: 'application/pdf' }) mimeType: string | null;
}

export class FaxStatusCountsDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { pending: 0, processing: 1, extracted: 0, matched: 4, needs_review: 2, verified: 10, archived: 3, failed: 0 }, description: 'documents per status' })
  counts: Record<string, number>;
}

export class VerifyFaxDto {
  @ApiProperty({ type: String, example: '1', description: 'OSCAR demographic number of the chart (the suggested one, or another: a correction)' })
  @Transform(({ value }) => (typeof value === 'number' ? String(value) : value))
  @IsString()
  @Matches(/^\d{1,10}$/, { message: 'Patient must be an OSCAR demographic number (digits only)' })
  demographicId: string;
}

export class RejectFaxDto {
  @ApiProperty({ type: String, minLength: 1, maxLength: 500, example: 'Not our patient: sent to the wrong clinic' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1, { message: 'Say why the document is rejected' })
  @MaxLength(500)
  reason: string;
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

export function toFaxSummaryDto(doc: FaxDocument): FaxSummaryDto {
  return {
    id: doc.id,
    status: doc.status,
    source: doc.source,
    pageCount: doc.pageCount,
    documentType: doc.documentType,
    originalFilename: doc.originalFilename,
    senderFaxNumber: doc.senderFaxNumber,
    matchedPatientId: doc.matchedPatientId,
    matchMethod: doc.matchMethod,
    matchConfidence: doc.matchConfidence,
    matchVerified: doc.matchVerified,
    errorMessage: doc.errorMessage,
    receivedAt: iso(doc.receivedAt),
    processedAt: iso(doc.processedAt),
    createdAt: doc.createdAt.toISOString(),
  };
}

export function toFaxDocumentDto(view: FaxView, rejectReason: string | null): FaxDocumentDto {
  const doc = view.document;
  return {
    ...toFaxSummaryDto(doc),
    extractedData: view.extractedData,
    matchedPatientName: view.matchedPatientName,
    candidates: doc.candidates ?? [],
    matchVerifiedBy: doc.matchVerifiedBy,
    matchVerifiedAt: iso(doc.matchVerifiedAt),
    extractionProvider: doc.extractionProvider,
    extractionModel: doc.extractionModel,
    extractionCostCents: doc.extractionCostCents,
    extractionNote: doc.extractionNote,
    rejectReason,
    mimeType: doc.mimeType,
  };
}
