import type { Portfolio } from '../../src/modules/portfolio/index.ts'
import type { EconomicsWindowChoice } from '../ui/economics-window.ts'
import type { VentureItem } from '../ui/ventures-data.ts'
import type { InvestorChoice } from './portfolio-investors.ts'

// Its own file so the section files and the page both import it without importing each other.
/**
 * What every portfolio section starts from: the investor, the ventures it may see (the ventures
 * list service) and its portfolio as the portfolio service computes it (capital and support).
 */
export interface PortfolioInput {
  investor: InvestorChoice
  ventures: VentureItem[]
  portfolio: Portfolio
  /** The economics window chosen on the page (the portfolio was computed for it). */
  window?: EconomicsWindowChoice | undefined
}
