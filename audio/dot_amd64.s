#include "textflag.h"

// func dotFMA(h, x []float32) float32
//
// Eight 256-bit accumulators: a filter row of ~160 taps is latency-bound
// with fewer, as each FMA waits about four cycles for the previous one on
// the same register.
TEXT ·dotFMA(SB), NOSPLIT, $0-52
	MOVQ h_base+0(FP), SI
	MOVQ h_len+8(FP), CX
	MOVQ x_base+24(FP), DI
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7

loop64:
	CMPQ CX, $64
	JL   loop8
	VMOVUPS (SI), Y8
	VMOVUPS 32(SI), Y9
	VMOVUPS 64(SI), Y10
	VMOVUPS 96(SI), Y11
	VMOVUPS 128(SI), Y12
	VMOVUPS 160(SI), Y13
	VMOVUPS 192(SI), Y14
	VMOVUPS 224(SI), Y15
	VFMADD231PS (DI), Y8, Y0
	VFMADD231PS 32(DI), Y9, Y1
	VFMADD231PS 64(DI), Y10, Y2
	VFMADD231PS 96(DI), Y11, Y3
	VFMADD231PS 128(DI), Y12, Y4
	VFMADD231PS 160(DI), Y13, Y5
	VFMADD231PS 192(DI), Y14, Y6
	VFMADD231PS 224(DI), Y15, Y7
	ADDQ $256, SI
	ADDQ $256, DI
	SUBQ $64, CX
	JMP  loop64

loop8:
	// The remainder (fewer than 64 taps) rotates over four
	// accumulators so consecutive FMAs stay independent.
	CMPQ CX, $8
	JL   done
	VMOVUPS (SI), Y8
	VFMADD231PS (DI), Y8, Y0
	CMPQ CX, $16
	JL   done
	VMOVUPS 32(SI), Y9
	VFMADD231PS 32(DI), Y9, Y1
	CMPQ CX, $24
	JL   done
	VMOVUPS 64(SI), Y10
	VFMADD231PS 64(DI), Y10, Y2
	CMPQ CX, $32
	JL   done
	VMOVUPS 96(SI), Y11
	VFMADD231PS 96(DI), Y11, Y3
	ADDQ $128, SI
	ADDQ $128, DI
	SUBQ $32, CX
	JMP  loop8

done:
	VADDPS Y4, Y0, Y0
	VADDPS Y5, Y1, Y1
	VADDPS Y6, Y2, Y2
	VADDPS Y7, Y3, Y3
	VADDPS Y1, Y0, Y0
	VADDPS Y3, Y2, Y2
	VADDPS Y2, Y0, Y0
	VEXTRACTF128 $1, Y0, X1
	VADDPS X1, X0, X0
	VHADDPS X0, X0, X0
	VHADDPS X0, X0, X0
	VZEROUPPER
	MOVSS X0, ret+48(FP)
	RET
