import { hintFor, STEADY_MOTION } from './viewfinder-hints.ts'

const still = { warnings: [], motion: 1 }

describe('hintFor', () => {
  it('names the most urgent problem of the latest frame, one at a time', () => {
    expect(hintFor([])).toBe('aim')
    expect(hintFor([{ warnings: ['blurry', 'dark'], motion: 1 }])).toBe('blurry')
    expect(hintFor([{ warnings: ['glare'], motion: 1 }])).toBe('glare')
    expect(hintFor([{ warnings: ['small'], motion: 1 }])).toBe('far')
  })

  it('says good only after three good frames held still', () => {
    expect(hintFor([still, still])).toBe('steady')
    expect(hintFor([still, still, { warnings: [], motion: STEADY_MOTION + 1 }])).toBe('steady')
    expect(hintFor([{ warnings: ['blurry'], motion: 1 }, still, still, still])).toBe('good')
  })
})
