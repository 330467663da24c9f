import { HttpClient, HttpParams, type HttpEvent } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { EnvelopeFitView, RankingAmount, RankingScore, RankingView } from '@tremplin/contracts';
import type { Observable } from 'rxjs';

export interface RankingParams {
  axis: string;
  score: RankingScore;
  amount: RankingAmount;
  minScore?: number | null;
  page?: number;
  pageSize?: number;
}

function params(values: Record<string, string | number | null | undefined>): HttpParams {
  let p = new HttpParams();
  for (const [key, value] of Object.entries(values)) if (value !== null && value !== undefined && value !== '') p = p.set(key, String(value));
  return p;
}

/** HTTP access to the committee's ranking, its CSV export and the envelope fit. */
@Injectable({ providedIn: 'root' })
export class RankingApi {
  private readonly http = inject(HttpClient);

  ranking(callId: string, query: RankingParams): Observable<RankingView> {
    return this.http.get<RankingView>(`/api/calls/${encodeURIComponent(callId)}/ranking`, { params: params({ ...query }) });
  }

  /** The CSV as a blob, with download progress events (the size is unknown: it is streamed). */
  csv(callId: string, query: RankingParams): Observable<HttpEvent<Blob>> {
    const { axis, score, amount, minScore } = query;
    return this.http.get(`/api/calls/${encodeURIComponent(callId)}/ranking.csv`, {
      params: params({ axis, score, amount, minScore }),
      responseType: 'blob',
      observe: 'events',
      reportProgress: true,
    });
  }

  envelopeFit(callId: string, query: Omit<RankingParams, 'page' | 'pageSize'> & { maxReductionPercent?: number | null }): Observable<EnvelopeFitView> {
    return this.http.get<EnvelopeFitView>(`/api/calls/${encodeURIComponent(callId)}/envelope-fit`, { params: params({ ...query }) });
  }
}
